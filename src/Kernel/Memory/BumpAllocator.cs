// A bump allocator over one fixed region: the kernel heap until the memory-management issue replaces it.
// It never frees. Hardware-independent (host-tested); not thread- or interrupt-safe: the kernel uses it
// only on the boot CPU with interrupts off.
namespace MinimalOS.Kernel.Memory
{
    public unsafe struct BumpAllocator
    {
        private byte* _next;
        private byte* _end;

        public BumpAllocator(byte* start, nuint size)
        {
            _next = start;
            _end = start + size;
        }

        public nuint Remaining => (nuint)(_end - _next);

        /// <summary>Returns zeroed, <paramref name="alignment"/>-aligned memory, or null when the region is exhausted.</summary>
        public void* Allocate(nuint size, nuint alignment = 8)
        {
            if (alignment == 0 || (alignment & (alignment - 1)) != 0)
                return null;
            nuint start = ((nuint)_next + alignment - 1) & ~(alignment - 1);
            if (start < (nuint)_next || start > (nuint)_end || size > (nuint)_end - start)
                return null;
            _next = (byte*)(start + size);
            byte* block = (byte*)start;
            for (nuint i = 0; i < size; i++)
                block[i] = 0;
            return block;
        }
    }
}
