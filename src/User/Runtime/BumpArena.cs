// A lock-free bump allocator over one fixed block: hands out 16-byte aligned pieces (the corelib asks
// for 8; 16 keeps SSE-aligned fields aligned as the kernel heap does) in address order and
// never frees (there is no GC; programs allocate what they keep). The block must start zeroed (it lives
// in .bss), and since nothing is reused every piece is zeroed too. Portable: host tests compile it.
using System.Threading;

namespace MinimalOS.User.Runtime
{
    public unsafe struct BumpArena
    {
        public const int Alignment = 16;

        private readonly byte* _start;
        private readonly long _size;
        private long _used;

        /// <summary>Uses the 16-byte aligned part of <paramref name="size"/> bytes at <paramref name="start"/>.</summary>
        public BumpArena(byte* start, long size)
        {
            long skipped = (Alignment - (long)((ulong)start % Alignment)) % Alignment;
            _start = start + skipped;
            _size = size > skipped ? size - skipped : 0;
            _used = 0;
        }

        public long BytesUsed => Volatile.Read(ref _used);

        /// <summary>A zeroed piece of at least <paramref name="size"/> bytes, or null when the arena cannot hold it.</summary>
        public void* Allocate(nuint size)
        {
            if (size > (nuint)_size)
                return null;
            long rounded = ((long)size + Alignment - 1) & ~(long)(Alignment - 1);
            while (true)
            {
                long used = Volatile.Read(ref _used);
                if (rounded > _size - used)
                    return null;
                if (Interlocked.CompareExchange(ref _used, used + rounded, used) == used)
                    return _start + used;
            }
        }
    }
}
