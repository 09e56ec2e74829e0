// Raw memory copies. ilc calls Memmove/BulkMoveWithWriteBarrier for struct and array copies, so they
// must work on overlapping ranges and must not allocate.
using System.Runtime.CompilerServices;

namespace System
{
    public static class Buffer
    {
        internal static unsafe void Memmove(ref byte destination, ref byte source, nuint length)
        {
            if (length == 0 || Unsafe.AreSame(ref destination, ref source))
                return;
            byte* dst = (byte*)Unsafe.AsPointer(ref destination);
            byte* src = (byte*)Unsafe.AsPointer(ref source);
            if (dst < src || dst >= src + length)
            {
                nuint i = 0;
                for (; i + 8 <= length; i += 8)
                    *(ulong*)(dst + i) = *(ulong*)(src + i);
                for (; i < length; i++)
                    dst[i] = src[i];
            }
            else
            {
                nuint i = length;
                for (; i >= 8; i -= 8)
                    *(ulong*)(dst + i - 8) = *(ulong*)(src + i - 8);
                for (; i > 0; i--)
                    dst[i - 1] = src[i - 1];
            }
        }

        // No GC yet, so references are moved like any other bytes.
        internal static void BulkMoveWithWriteBarrier(ref byte destination, ref byte source, nuint byteCount) =>
            Memmove(ref destination, ref source, byteCount);

        public static unsafe void MemoryCopy(void* source, void* destination, long destinationSizeInBytes, long sourceBytesToCopy)
        {
            if (sourceBytesToCopy > destinationSizeInBytes)
                ThrowHelper.ThrowArgumentOutOfRangeException();
            Memmove(ref *(byte*)destination, ref *(byte*)source, (nuint)sourceBytesToCopy);
        }
    }
}
