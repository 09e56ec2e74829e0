// The header in front of a large block (one larger than the largest size class): the block is a run of
// whole pages from the page source, this header sits at the start of the first page and the caller's
// memory follows it, so Free finds it by rounding down to the page and knows how many pages to give back.
// Its tag differs from a slab's, so one look at a page says which kind it is.
using System.Runtime.InteropServices;

namespace MinimalOS.Kernel.Memory.Heap
{
    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct LargeBlockHeader
    {
        public const ulong TagSeed = 0x4C41_5247_4542_4C4B; // "LARGEBLK"
        public const int Size = 16;

        public ulong Tag;
        public uint PageCount;
        public uint RequestedBytes;

        public static ulong TagFor(void* page) => TagSeed ^ (ulong)page;
    }
}
