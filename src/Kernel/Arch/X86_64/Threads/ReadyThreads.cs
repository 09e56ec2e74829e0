// A minimal first-in first-out list of ready threads (round robin, priority ignored), linked through
// Thread.Next. Placeholder for the portable RunQueue of issue 5; it never allocates and is not thread-safe
// (the Scheduler calls it with interrupts disabled on its one CPU).
namespace MinimalOS.Kernel.Arch.X86_64.Threads
{
    internal sealed class ReadyThreads
    {
        private Thread _head;
        private Thread _tail;

        public bool IsEmpty => _head is null;

        public void Enqueue(Thread thread)
        {
            thread.Next = null;
            if (_tail is null)
                _head = thread;
            else
                _tail.Next = thread;
            _tail = thread;
        }

        /// <summary>The thread that has waited longest, or null.</summary>
        public Thread Dequeue()
        {
            Thread thread = _head;
            if (thread is null)
                return null;
            _head = thread.Next;
            if (_head is null)
                _tail = null;
            thread.Next = null;
            return thread;
        }
    }
}
