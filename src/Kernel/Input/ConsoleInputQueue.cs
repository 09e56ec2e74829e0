// The console's typed characters on their way from the devices to the reader: a fixed-capacity ring that
// never allocates after construction. Single producer, single consumer: the producers are the serial and
// keyboard interrupt handlers or, before interrupts are routed, the polling loop; the kernel serialises
// them with one lock (ConsoleInput), so together they are one producer on any CPU. The consumer is the
// monitor. Each index is written by one side only, so the queue itself needs no lock. Must never block: when full, the newest
// character is dropped and counted.
namespace MinimalOS.Kernel.Input
{
    public sealed class ConsoleInputQueue
    {
        private readonly char[] _slots;
        private readonly int _mask;
        // Free-running counters; the slot is counter & _mask. Written by the consumer (_head) and the
        // producer (_tail) only; volatile so neither side's compiler caches the other's value.
        private volatile int _head;
        private volatile int _tail;
        private volatile int _dropped;

        /// <param name="capacity">A power of two, at least 2.</param>
        public ConsoleInputQueue(int capacity)
        {
            if (capacity < 2 || (capacity & (capacity - 1)) != 0)
                capacity = 256;
            _slots = new char[capacity];
            _mask = capacity - 1;
        }

        public int Capacity => _slots.Length;

        public int Count => _tail - _head;

        /// <summary>Characters dropped because the queue was full.</summary>
        public int DroppedCount => _dropped;

        /// <summary>Producer side: appends <paramref name="character"/>; false (counted) when full.</summary>
        public bool TryWrite(char character)
        {
            int tail = _tail;
            if (tail - _head >= _slots.Length)
            {
                _dropped = _dropped + 1;
                return false;
            }
            _slots[tail & _mask] = character;
            // The slot is written before the tail moves, so the consumer never reads an unwritten slot.
            _tail = tail + 1;
            return true;
        }

        /// <summary>Consumer side: takes the oldest character; false when empty.</summary>
        public bool TryRead(out char character)
        {
            int head = _head;
            if (head == _tail)
            {
                character = '\0';
                return false;
            }
            character = _slots[head & _mask];
            _head = head + 1;
            return true;
        }
    }
}
