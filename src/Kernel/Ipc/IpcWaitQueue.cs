// The threads waiting on one endpoint, linked through their control blocks (no allocation): ordered by
// priority, highest first, and first come first served within a priority, so a blocked higher-priority
// sender (or receiver) is served before a lower one. Insertion walks from the tail, so a queue of equals
// costs O(1). Only ever touched under the kernel-object lock.
using MinimalOS.Kernel.Objects;

namespace MinimalOS.Kernel.Ipc
{
    public unsafe struct IpcWaitQueue
    {
        public ThreadControl* Head;
        public ThreadControl* Tail;

        public bool IsEmpty => Head == null;

        public void Enqueue(ThreadControl* thread)
        {
            ThreadControl* after = Tail;
            while (after != null && after->Priority < thread->Priority)
                after = after->IpcPrevious;
            thread->IpcPrevious = after;
            thread->IpcNext = after == null ? Head : after->IpcNext;
            if (thread->IpcNext != null)
                thread->IpcNext->IpcPrevious = thread;
            else
                Tail = thread;
            if (after != null)
                after->IpcNext = thread;
            else
                Head = thread;
        }

        /// <summary>The first waiter, taken off the queue; null when it is empty.</summary>
        public ThreadControl* Dequeue()
        {
            ThreadControl* first = Head;
            if (first != null)
                Remove(first);
            return first;
        }

        /// <summary>Takes <paramref name="thread"/> (which must be on this queue) off it.</summary>
        public void Remove(ThreadControl* thread)
        {
            if (thread->IpcPrevious != null)
                thread->IpcPrevious->IpcNext = thread->IpcNext;
            else
                Head = thread->IpcNext;
            if (thread->IpcNext != null)
                thread->IpcNext->IpcPrevious = thread->IpcPrevious;
            else
                Tail = thread->IpcPrevious;
            thread->IpcNext = null;
            thread->IpcPrevious = null;
        }
    }
}
