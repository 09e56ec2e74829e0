// The header at the start of every slab page: which size class the page serves, how many of its objects
// are live, a bitmap of live objects (so a double free is always seen, at no extra cost) and the links of
// its class's list of slabs with free room. Because a slab is exactly one page, Free finds the header of
// any object by rounding its address down to the page: O(1), no lookup table. The tag mixes in the page's
// own address so stale or random data is unlikely to pass for a header.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MinimalOS.Kernel.Memory.Heap
{
    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct SlabHeader
    {
        public const ulong TagSeed = 0x534C_4142_4845_4150; // "SLABHEAP"
        public const int MaxObjects = 256;

        public ulong Tag;
        public SlabHeader* Next;
        public SlabHeader* Previous;
        public ushort SizeClass;
        public ushort Capacity;
        public ushort LiveObjects;
        public ushort Reserved;
        public fixed ulong Live[MaxObjects / 64];

        public static ulong TagFor(void* page) => TagSeed ^ (ulong)page;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool IsLive(int index) => (Live[index >> 6] & (1UL << (index & 63))) != 0;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void SetLive(int index) => Live[index >> 6] |= 1UL << (index & 63);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void ClearLive(int index) => Live[index >> 6] &= ~(1UL << (index & 63));

        /// <summary>The lowest free object index, or -1 when the slab is full.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int FirstFree()
        {
            for (int word = 0; word < MaxObjects / 64; word++)
            {
                ulong free = ~Live[word];
                if (free != 0)
                {
                    int index = word * 64 + BitScan.LowestSetBit(free);
                    return index < Capacity ? index : -1;
                }
            }
            return -1;
        }
    }
}
