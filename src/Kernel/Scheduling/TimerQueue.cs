// Per-CPU timer deadlines (monotonic nanoseconds) for the tickless scheduler: the earliest deadline is what
// the one-shot LAPIC timer gets armed for, and TryPopExpired hands back due timers in deadline order, equal
// deadlines first-in first-out (ties broken by an insertion sequence number). A binary min-heap over
// fixed-capacity arrays: O(1) earliest query, O(log n) insert, cancel and pop, no allocation after
// construction and no pointer chasing, with worst-case (not amortised, as a pairing heap's would be) bounds
// suited to interrupt context. Handles name slots; each slot knows its heap position, so cancel is
// O(log n) too. A full queue refuses the insert with false, never drops a timer. Not synchronised: the
// caller holds the owning CPU's lock.
namespace MinimalOS.Kernel.Scheduling
{
    public sealed class TimerQueue
    {
        private const int NotInHeap = -1;

        private readonly int[] _heap;
        private readonly int[] _heapPositions;
        private readonly ulong[] _deadlines;
        private readonly ulong[] _sequences;
        private readonly uint[] _generations;
        private readonly object[] _owners;
        private readonly int[] _freeSlots;
        private int _freeCount;
        private ulong _nextSequence;

        public TimerQueue(int capacity)
        {
            if (capacity < 1)
            {
                capacity = 1;
            }

            Capacity = capacity;
            _heap = new int[capacity];
            _heapPositions = new int[capacity];
            _deadlines = new ulong[capacity];
            _sequences = new ulong[capacity];
            _generations = new uint[capacity];
            _owners = new object[capacity];
            _freeSlots = new int[capacity];
            for (int slot = 0; slot < capacity; slot++)
            {
                _heapPositions[slot] = NotInHeap;
                _freeSlots[slot] = capacity - 1 - slot;
            }

            _freeCount = capacity;
        }

        public int Capacity { get; }

        public int Count { get; private set; }

        public bool IsFull => Count == Capacity;

        // Fails only when the queue is full; the caller must report that (e.g. refuse the sleep).
        public bool TryInsert(ulong deadlineNanoseconds, object owner, out TimerHandle handle)
        {
            if (_freeCount == 0)
            {
                handle = default;
                return false;
            }

            int slot = _freeSlots[--_freeCount];
            _deadlines[slot] = deadlineNanoseconds;
            _sequences[slot] = _nextSequence++;
            _owners[slot] = owner;
            _heap[Count] = slot;
            _heapPositions[slot] = Count;
            Count++;
            SiftUp(Count - 1);
            handle = new TimerHandle(slot, _generations[slot]);
            return true;
        }

        public bool IsPending(TimerHandle handle) => TryGetSlot(handle, out _);

        // False when the handle is stale (already expired or cancelled) or foreign: nothing changes then.
        public bool Cancel(TimerHandle handle)
        {
            if (!TryGetSlot(handle, out int slot))
            {
                return false;
            }

            RemoveAt(_heapPositions[slot]);
            return true;
        }

        public bool TryGetEarliestDeadline(out ulong deadlineNanoseconds)
        {
            if (Count == 0)
            {
                deadlineNanoseconds = 0;
                return false;
            }

            deadlineNanoseconds = _deadlines[_heap[0]];
            return true;
        }

        // Pops the earliest timer if it is due (deadline <= now); call until false from the timer interrupt.
        public bool TryPopExpired(ulong nowNanoseconds, out TimerExpiry expiry)
        {
            if (Count == 0 || _deadlines[_heap[0]] > nowNanoseconds)
            {
                expiry = default;
                return false;
            }

            int slot = _heap[0];
            expiry = new TimerExpiry(new TimerHandle(slot, _generations[slot]), _deadlines[slot], _owners[slot]);
            RemoveAt(0);
            return true;
        }

        private bool TryGetSlot(TimerHandle handle, out int slot)
        {
            slot = handle.SlotPlusOne - 1;
            return slot >= 0 && slot < Capacity && _heapPositions[slot] != NotInHeap
                && _generations[slot] == handle.Generation;
        }

        private void RemoveAt(int position)
        {
            int slot = _heap[position];
            Count--;
            if (position != Count)
            {
                MoveTo(_heap[Count], position);
                SiftDown(position);
                SiftUp(position);
            }

            _heapPositions[slot] = NotInHeap;
            _owners[slot] = null;
            _generations[slot]++;
            _freeSlots[_freeCount++] = slot;
        }

        private void SiftUp(int position)
        {
            int slot = _heap[position];
            while (position > 0)
            {
                int parent = (position - 1) / 2;
                if (!IsEarlier(slot, _heap[parent]))
                {
                    break;
                }

                MoveTo(_heap[parent], position);
                position = parent;
            }

            MoveTo(slot, position);
        }

        private void SiftDown(int position)
        {
            int slot = _heap[position];
            while (true)
            {
                int child = 2 * position + 1;
                if (child >= Count)
                {
                    break;
                }

                if (child + 1 < Count && IsEarlier(_heap[child + 1], _heap[child]))
                {
                    child++;
                }

                if (!IsEarlier(_heap[child], slot))
                {
                    break;
                }

                MoveTo(_heap[child], position);
                position = child;
            }

            MoveTo(slot, position);
        }

        private void MoveTo(int slot, int position)
        {
            _heap[position] = slot;
            _heapPositions[slot] = position;
        }

        // Deadline order, then insertion order, so equal deadlines expire first-in first-out.
        private bool IsEarlier(int slot, int other) =>
            _deadlines[slot] < _deadlines[other]
            || (_deadlines[slot] == _deadlines[other] && _sequences[slot] < _sequences[other]);
    }
}
