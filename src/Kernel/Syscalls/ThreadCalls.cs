// System calls on the calling thread itself: give up the CPU, and end.
using MinimalOS.Abi;
using MinimalOS.Kernel.Arch.X86_64.Threads;

namespace MinimalOS.Kernel.Syscalls
{
    public static class ThreadCalls
    {
        public static SyscallResult Yield()
        {
            Scheduler.Yield();
            return SyscallResult.Ok();
        }

        public static SyscallResult Exit()
        {
            Scheduler.Exit();
            return SyscallError.InvalidState;
        }
    }
}
