// Typed wrappers of the system calls (src/Abi/Syscall.cs), one method per call whose arguments are
// defined; each passes its arguments in the kernel's order through the mnos_syscall stub. They only
// marshal: checking arguments is the kernel's job, and a wrapper never retries or hides an error.
using System;
using System.Runtime;
using System.Runtime.CompilerServices;
using MinimalOS.Abi;

namespace MinimalOS.User.Runtime
{
    public static unsafe class Syscalls
    {
        /// <summary>Writes <paramref name="text"/> (UTF-8, one line or part of one) to the kernel log: rdi = pointer, rsi = length.</summary>
        public static SyscallError DebugLog(ReadOnlySpan<byte> text)
        {
            fixed (byte* bytes = text)
                return Call(Syscall.DebugLog, (ulong)bytes, (ulong)text.Length).Error;
        }

        /// <summary>Nanoseconds since boot on the kernel's monotonic clock (returned in rdx).</summary>
        public static SyscallError ClockMonotonic(out ulong nanoseconds)
        {
            SyscallResult result = Call(Syscall.ClockMonotonic);
            nanoseconds = result.First;
            return result.Error;
        }

        /// <summary>Gives the CPU to another ready thread of the same or higher priority, if there is one.</summary>
        public static SyscallError Yield() => Call(Syscall.Yield).Error;

        /// <summary>Ends the calling thread. The kernel never returns from it; if it ever did, the call is repeated.</summary>
        public static void ThreadExit()
        {
            while (true)
                Call(Syscall.ThreadExit);
        }

        private static SyscallResult Call(Syscall number, ulong a0 = 0, ulong a1 = 0, ulong a2 = 0, ulong a3 = 0, ulong a4 = 0, ulong a5 = 0)
        {
            SyscallResult result;
            Invoke(number, a0, a1, a2, a3, a4, a5, &result);
            return result;
        }

        [RuntimeImport("*", "mnos_syscall")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern SyscallError Invoke(Syscall number, ulong a0, ulong a1, ulong a2, ulong a3, ulong a4, ulong a5, SyscallResult* result);
    }
}
