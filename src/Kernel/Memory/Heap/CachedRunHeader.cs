// The header at the start of a page run the heap keeps mapped for reuse (PageRunCache): a freed large
// block or an emptied slab page. Its tag differs from a slab's and a live large block's, so a second free
// of a cached large block is recognised as a double free rather than mistaken for a live block. It must
// never be taken for memory a caller owns: everything after it is free (poisoned under debug checks).
using System.Runtime.InteropServices;

namespace MinimalOS.Kernel.Memory.Heap
{
    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct CachedRunHeader
    {
        public const ulong TagSeed = 0x4341_4348_4544_5255; // "CACHEDRU"
        /// <summary>Where a cached run's free memory (poisoned under debug checks) starts; a large block's memory starts here too.</summary>
        public const int Size = 16;

        public ulong Tag;
        /// <summary>The next run of the same length (the cache's bin is the length).</summary>
        public CachedRunHeader* Next;

        public static ulong TagFor(void* page) => TagSeed ^ (ulong)page;
    }
}
