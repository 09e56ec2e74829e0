// Compiler-facing helpers: array initialisation from constant data, type-shape queries that ilc folds
// at compile time, and the string data offset.
namespace System.Runtime.CompilerServices
{
    public static unsafe class RuntimeHelpers
    {
        [Intrinsic]
        public static void InitializeArray(Array array, RuntimeFieldHandle fldHandle) => throw null;

        [Intrinsic]
        public static bool IsReferenceOrContainsReferences<T>() => throw null;

        [Intrinsic]
        public static ReadOnlySpan<T> CreateSpan<T>(RuntimeFieldHandle fldHandle) => throw null;

        [Intrinsic]
        public static bool IsBitwiseEquatable<T>() => throw null;

        public static int OffsetToStringData => sizeof(nint) + sizeof(int);

        public static new int GetHashCode(object o) => (int)(nuint)Unsafe.AsPointer(ref Unsafe.As<RawObject>(o).Data);

        private sealed class RawObject
        {
            public byte Data;
        }
    }
}
