// Allocation of multi-dimensional arrays: ilc compiles `new T[a, b]` to a call of NewObjArray with the
// array type and the dimension lengths. The element count is the product of the lengths; a negative
// length or an overflowing product throws OverflowException, like a negative one-dimensional length.
using System;
using System.Runtime;
using System.Runtime.CompilerServices;

namespace Internal.Runtime.CompilerHelpers
{
    internal static unsafe class ArrayHelpers
    {
        private static Array NewObjArray(MethodTable* arrayType, int rank, int* lengths)
        {
            if (arrayType->IsSzArray || rank != arrayType->ArrayRank)
                RuntimeHooks.FailFast("multi-dimensional array allocation with a mismatched rank");
            int total = 1;
            for (int i = 0; i < rank; i++)
            {
                if (lengths[i] < 0)
                    throw new OverflowException();
                total = checked(total * lengths[i]);
            }
            Array array = Unsafe.As<Array>(RuntimeExports.RhNewArray(arrayType, total));
            ref int bounds = ref array.GetMultiDimensionalBounds();
            for (int i = 0; i < rank; i++)
                Unsafe.Add(ref bounds, i) = lengths[i];
            return array;
        }
    }
}
