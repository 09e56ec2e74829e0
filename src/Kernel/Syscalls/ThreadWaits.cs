// Waiting, outside the kernel-object lock, for threads to get where a call needs them: destroyed threads
// off their CPUs (so a delete or revoke returns with them gone, and a retype never zeroes memory under a
// thread still on its stack), and a suspended thread parked. Polls with short sleeps, bounded so that no
// call can hang: a retype that still finds leaving threads after the bound is WouldBlock.
using MinimalOS.Abi;
using MinimalOS.Kernel.Objects;
using MinimalOS.Kernel.Scheduling;

namespace MinimalOS.Kernel.Syscalls
{
    public static unsafe class ThreadWaits
    {
        private const ulong PollNanoseconds = 20_000;
        private const int Polls = 50_000;          // about a second

        /// <summary>True once no destroyed thread is still on a CPU; false after the bound (or at once if the caller itself is leaving).</summary>
        public static bool UntilDestroyedThreadsLeft()
        {
            ThreadControl* self = ThreadObject.Current();
            for (int i = 0; i < Polls; i++)
            {
                if (KernelObjects.ThreadMemoryPins == 0)
                    return true;
                if (self != null && self->Leaving)
                    return false;
                Scheduler.Sleep(PollNanoseconds);
            }
            return false;
        }

        /// <summary>Until the thread named by <paramref name="encoded"/> stopped; its slot is looked up again at each poll.</summary>
        public static SyscallError UntilStopped(ulong encoded)
        {
            for (int i = 0; i < Polls; i++)
            {
                KernelObjects.Lock.Acquire();
                SyscallError error = CallerCapabilities.Capability(encoded, ObjectType.Thread, CapRights.None, out Capabilities.CapabilitySlot* slot);
                bool stopped = error == SyscallError.None && ThreadObject.HasStopped(ThreadObject.Control(slot));
                KernelObjects.Lock.Release();
                if (error != SyscallError.None)
                    return error == SyscallError.SlotEmpty ? SyscallError.ObjectDestroyed : error;
                if (stopped)
                    return SyscallError.None;
                Scheduler.Sleep(PollNanoseconds);
            }
            return SyscallError.WouldBlock;
        }
    }
}
