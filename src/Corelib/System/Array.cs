// System.Array: base of every array type. ilc lays an array out as MethodTable pointer, 32-bit length,
// 32-bit padding, then the elements; the length field must stay the only field. A multi-dimensional array
// (T[,]) has, between the padding and the elements, one 32-bit length per dimension and then one 32-bit
// lower bound per dimension (always zero here); its Length is the total element count.
using System.Runtime.CompilerServices;

namespace System
{
    public abstract unsafe class Array
    {
        private readonly int _numComponents;

        public int Length => _numComponents;

        public int Rank => GetMethodTable()->IsSzArray ? 1 : GetMethodTable()->ArrayRank;

        public int GetLength(int dimension)
        {
            if ((uint)dimension >= (uint)Rank)
                ThrowHelper.ThrowIndexOutOfRangeException();
            if (GetMethodTable()->IsSzArray)
                return _numComponents;
            return Unsafe.Add(ref GetMultiDimensionalBounds(), dimension);
        }

        /// <summary>The first per-dimension length of a multi-dimensional array (right after the padding).</summary>
        internal ref int GetMultiDimensionalBounds() =>
            ref Unsafe.As<byte, int>(ref Unsafe.As<RawArrayData>(this).Data);

        /// <summary>Reference to element 0 of a one-dimensional array whatever the element type (for bulk copies).</summary>
        internal ref byte GetRawArrayData() => ref Unsafe.As<RawArrayData>(this).Data;

        // Element 0 of any array: the elements start where the base size ends, less the minimum-size pointer
        // that one-dimensional arrays reserve (see MethodTable.SzArrayBaseSize).
        private ref byte GetFirstElement() =>
            ref Unsafe.AddByteOffset(ref GetRawData(), (nint)GetMethodTable()->BaseSize - 2 * sizeof(nint));

        public static void Copy(Array source, Array destination, int length)
        {
            if (source is null || destination is null)
                ThrowHelper.ThrowArgumentNullException();
            if (source.GetMethodTable() != destination.GetMethodTable())
                ThrowHelper.ThrowArrayTypeMismatchException();
            if ((uint)length > (uint)source.Length || (uint)length > (uint)destination.Length)
                ThrowHelper.ThrowArgumentOutOfRangeException();
            nuint bytes = (nuint)length * source.GetMethodTable()->ComponentSize;
            Buffer.Memmove(ref destination.GetFirstElement(), ref source.GetFirstElement(), bytes);
        }

        public static void Clear(Array array)
        {
            if (array is null)
                ThrowHelper.ThrowArgumentNullException();
            nuint bytes = (nuint)array.Length * array.GetMethodTable()->ComponentSize;
            SpanHelpers.ClearWithoutReferences(ref array.GetFirstElement(), bytes);
        }

        public static T[] Empty<T>() => EmptyArray<T>.Value;

        private static class EmptyArray<T>
        {
            internal static readonly T[] Value = new T[0];
        }
    }

    // Gives typed access to the first element past the length and padding.
    internal sealed class RawArrayData
    {
        public uint Length;
        public uint Padding;
        public byte Data;
    }
}
