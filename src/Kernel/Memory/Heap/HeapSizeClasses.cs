// The heap's small-object size classes and the lookup from a requested size to its class.
// Every slab is one 4 KiB page whose first 64 bytes are its SlabHeader, leaving 4032 bytes for objects.
// Up to 256 bytes the classes step by at most 1.5x (16, 32, 48, 64, 96, 128, 192, 256): small objects are
// most of what C# code allocates, and fine steps keep their rounding waste low. Above that each class is
// the largest multiple of 16 that fits n objects into the 4032 bytes (n = 12, 9, 7, 5, 4, 3, 2), so slabs
// have no tail waste while the steps stay at most ~1.5x (worst-case rounding waste about a third). Anything
// larger than 2016 bytes takes whole pages. All sizes are multiples of 16, so with the 64-byte header
// every object is 16-byte aligned (the corelib asks for 8; 16 leaves room for aligned SSE accesses).
using System;
using System.Runtime.CompilerServices;

namespace MinimalOS.Kernel.Memory.Heap
{
    public static class HeapSizeClasses
    {
        public const int Count = 15;
        public const int Granule = 16;
        public const int LargestSmallSize = 2016;
        public const int SlabHeaderSize = 64;
        public const int SlabPayloadSize = (int)PageSize.Small - SlabHeaderSize;

        // Class sizes in 16-byte granules: 16, 32, 48, 64, 96, 128, 192, 256, 336, 448, 576, 800, 1008, 1344, 2016.
        private static ReadOnlySpan<byte> Granules => new byte[] { 1, 2, 3, 4, 6, 8, 12, 16, 21, 28, 36, 50, 63, 84, 126 };

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static int SizeOf(int sizeClass) => Granules[sizeClass] * Granule;

        public static int ObjectsPerSlab(int sizeClass) => SlabPayloadSize / SizeOf(sizeClass);

        /// <summary>The smallest class holding <paramref name="size"/> bytes, or -1 when it needs whole pages.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static int ForSize(nuint size)
        {
            if (size > LargestSmallSize)
                return -1;
            return ClassForGranules[(int)((size + Granule - 1) / Granule)];
        }

        // Every C# allocation looks its class up here: one load instead of a search. Entry g is the smallest
        // class of at least g granules (entry 0 serves size 0 like size 1); a host test checks it against Granules.
        private static ReadOnlySpan<byte> ClassForGranules => new byte[]
        {
            0, 0, 1, 2, 3, 4, 4, 5, 5, 6, 6, 6, 6, 7, 7, 7,
            7, 8, 8, 8, 8, 8, 9, 9, 9, 9, 9, 9, 9, 10, 10, 10,
            10, 10, 10, 10, 10, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11,
            11, 11, 11, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12,
            13, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13, 13,
            13, 13, 13, 13, 13, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14,
            14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14,
            14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14,
        };
    }
}
