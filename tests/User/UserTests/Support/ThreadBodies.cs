// C# code that test threads run: entered at rip with the argument in rdi, on a stack the test mapped, in
// the root task's address space. They must never return (nothing is on the stack to return to: they end
// with ThreadExit) and must never touch a static that needs a class constructor, since the runtime runs
// those on the runner's thread only.
using System.Runtime.InteropServices;
using System.Threading;
using MinimalOS.Abi;
using MinimalOS.User.Runtime;

namespace MinimalOS.Tests.User.Support
{
    internal static unsafe class ThreadBodies
    {
        public const ulong SpinnerExitCode = 0x5B1;
        public const ulong SelfSuspenderExitCode = 0x5E1F;

        /// <summary>Mailbox of a spinner: word 0 counts its loops, word 1 nonzero tells it to exit.</summary>
        public struct SpinMailbox
        {
            public long Count;
            public long Stop;
        }

        public static ulong ExitWithArgument
        {
            get
            {
                delegate* unmanaged<ulong, void> entry = &ExitWith;
                return (ulong)entry;
            }
        }

        public static ulong Spinner
        {
            get
            {
                delegate* unmanaged<ulong, void> entry = &Spin;
                return (ulong)entry;
            }
        }

        public static ulong SelfSuspender
        {
            get
            {
                delegate* unmanaged<ulong, void> entry = &SuspendSelf;
                return (ulong)entry;
            }
        }

        /// <summary>Suspends itself through its own capability (the argument is its slot), then exits with SelfSuspenderExitCode and the call's error.</summary>
        [UnmanagedCallersOnly]
        private static void SuspendSelf(ulong ownSlot)
        {
            SyscallError error = Syscalls.ThreadSuspend(CapSlot.FromRegister(ownSlot));
            Syscalls.ThreadExit(SelfSuspenderExitCode | (ulong)error << 16);
        }

        /// <summary>Exits at once with the argument as exit code.</summary>
        [UnmanagedCallersOnly]
        private static void ExitWith(ulong code) => Syscalls.ThreadExit(code);

        /// <summary>Counts in the SpinMailbox at the argument until told to stop, then exits with SpinnerExitCode.</summary>
        [UnmanagedCallersOnly]
        private static void Spin(ulong mailboxAddress)
        {
            var mailbox = (SpinMailbox*)mailboxAddress;
            while (Volatile.Read(ref mailbox->Stop) == 0)
                Volatile.Write(ref mailbox->Count, mailbox->Count + 1);
            Syscalls.ThreadExit(SpinnerExitCode);
        }
    }
}
