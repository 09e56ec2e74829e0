// Where a thread is in its life, as ThreadReadRegisters reports it (result word 0).
namespace MinimalOS.Abi
{
    public enum ThreadRunState : byte
    {
        /// <summary>Made by retype; may be configured and given registers, not yet started.</summary>
        Inactive = 0,
        /// <summary>Started: running, ready, or in a system call.</summary>
        Running = 1,
        /// <summary>Stopped by ThreadSuspend; ThreadResume continues it.</summary>
        Suspended = 2,
        /// <summary>Stopped by a CPU exception in user mode (vector in result word 1); ThreadResume retries the instruction.</summary>
        Faulted = 3,
        /// <summary>Ended by ThreadExit (code in result word 1) or stopped for good by its destruction.</summary>
        Exited = 4,
    }
}
