// The life cycle of a kernel thread. Only the scheduler moves a thread between these states.
namespace MinimalOS.Kernel.Threads
{
    public enum ThreadState
    {
        /// <summary>Waiting in the ready list for the CPU.</summary>
        Ready,
        /// <summary>On the CPU now.</summary>
        Running,
        /// <summary>Waiting for Wake; not in the ready list.</summary>
        Blocked,
        /// <summary>Its entry returned; its stack is reclaimed by the next thread that runs.</summary>
        Dead,
    }
}
