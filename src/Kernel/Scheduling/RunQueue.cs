// A per-CPU ready queue: RunQueueNodes at Levels priority levels, the higher number the more urgent, FIFO
// within a level so equal priorities round-robin when the scheduler re-enqueues at the tail. Every operation
// is O(1) and never allocates: each level is a doubly-linked list through the nodes themselves, and a bitmap
// of non-empty levels finds the most urgent one with one bit scan (bit 31 - priority, so the lowest set bit
// is the highest priority). Not synchronised: the caller holds this queue's lock (for TrySteal, the
// victim's). Bad input (a node already queued, a priority out of range, a node of another queue) is refused
// with false and leaves the queue unchanged; it must never corrupt the lists.
//
// Stealing takes the head of the most urgent non-empty level: an idle CPU should run the most urgent work
// that is waiting (priority is a promise across CPUs, not per CPU), and within that level the head has
// waited longest and is the coldest in the victim's cache, whereas the tail is usually the thread that has
// just run there. Pinned nodes (bound to their CPU) are passed over. Whether stealing is worth it (victim
// load) is the scheduler's decision.
using MinimalOS.Kernel.Memory.Heap;

namespace MinimalOS.Kernel.Scheduling
{
    public sealed class RunQueue
    {
        public const int Levels = 32;
        public const int LowestPriority = 0;
        public const int HighestPriority = Levels - 1;

        private readonly RunQueueNode[] _heads = new RunQueueNode[Levels];
        private readonly RunQueueNode[] _tails = new RunQueueNode[Levels];
        private readonly int[] _levelCounts = new int[Levels];
        private uint _nonEmptyLevels;

        public int Count { get; private set; }

        public bool IsEmpty => Count == 0;

        public static bool IsValidPriority(int priority) => priority >= LowestPriority && priority <= HighestPriority;

        public int CountAt(int priority) => IsValidPriority(priority) ? _levelCounts[priority] : 0;

        // The most urgent queued priority, for deciding whether a wake-up should preempt the running thread.
        public bool TryPeekHighestPriority(out int priority)
        {
            if (_nonEmptyLevels == 0)
            {
                priority = -1;
                return false;
            }

            priority = HighestPriority - BitScan.LowestSetBit(_nonEmptyLevels);
            return true;
        }

        // Appends at the tail of its level: a thread whose time slice ended goes behind its equals.
        public bool Enqueue(RunQueueNode node, int priority)
        {
            if (node == null || node.Queue != null || !IsValidPriority(priority))
            {
                return false;
            }

            node.Priority = priority;
            node.Queue = this;
            node.Next = null;
            node.Previous = _tails[priority];
            if (_tails[priority] == null)
            {
                _heads[priority] = node;
                _nonEmptyLevels |= LevelBit(priority);
            }
            else
            {
                _tails[priority].Next = node;
            }

            _tails[priority] = node;
            _levelCounts[priority]++;
            Count++;
            return true;
        }

        // Takes the head of the most urgent non-empty level: the next thread to run.
        public bool TryDequeue(out RunQueueNode node)
        {
            if (!TryPeekHighestPriority(out int priority))
            {
                node = null;
                return false;
            }

            node = _heads[priority];
            Unlink(node);
            return true;
        }

        // Work stealing from this (victim) queue; see the header for which node is taken and why.
        public bool TrySteal(out RunQueueNode node)
        {
            uint levels = _nonEmptyLevels;
            while (levels != 0)
            {
                int priority = HighestPriority - BitScan.LowestSetBit(levels);
                for (RunQueueNode candidate = _heads[priority]; candidate != null; candidate = candidate.Next)
                {
                    if (!candidate.IsPinned)
                    {
                        Unlink(candidate);
                        node = candidate;
                        return true;
                    }
                }

                levels &= ~LevelBit(priority);
            }

            node = null;
            return false;
        }

        // Removes a node from anywhere in its level (wake-up cancelled, priority change, migration).
        public bool Remove(RunQueueNode node)
        {
            if (node == null || node.Queue != this)
            {
                return false;
            }

            Unlink(node);
            return true;
        }

        private void Unlink(RunQueueNode node)
        {
            int priority = node.Priority;
            if (node.Previous == null)
            {
                _heads[priority] = node.Next;
            }
            else
            {
                node.Previous.Next = node.Next;
            }

            if (node.Next == null)
            {
                _tails[priority] = node.Previous;
            }
            else
            {
                node.Next.Previous = node.Previous;
            }

            if (_heads[priority] == null)
            {
                _nonEmptyLevels &= ~LevelBit(priority);
            }

            node.Next = null;
            node.Previous = null;
            node.Queue = null;
            _levelCounts[priority]--;
            Count--;
        }

        private static uint LevelBit(int priority) => 1u << (HighestPriority - priority);
    }
}
