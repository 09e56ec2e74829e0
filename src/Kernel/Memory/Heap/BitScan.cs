// Index of the lowest set bit of a 64-bit word, without a CPU intrinsic (the corelib has no
// BitOperations): isolate the bit, then a De Bruijn multiply maps each of the 64 powers of two to a
// distinct top-6-bit pattern. Constant time; never called with zero.
using System;
using System.Runtime.CompilerServices;

namespace MinimalOS.Kernel.Memory.Heap
{
    internal static class BitScan
    {
        private const ulong DeBruijn = 0x03F7_9D71_B4CB_0A89;

        private static ReadOnlySpan<byte> Positions => new byte[]
        {
            0, 1, 48, 2, 57, 49, 28, 3, 61, 58, 50, 42, 38, 29, 17, 4,
            62, 55, 59, 36, 53, 51, 43, 22, 45, 39, 33, 30, 24, 18, 12, 5,
            63, 47, 56, 27, 60, 41, 37, 16, 54, 35, 52, 21, 44, 32, 23, 11,
            46, 26, 40, 15, 34, 20, 31, 10, 25, 14, 19, 9, 13, 8, 7, 6,
        };

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static int LowestSetBit(ulong value) => Positions[(int)(((value & (0 - value)) * DeBruijn) >> 58)];
    }
}
