// Out-of-line throws for the corelib's own checks, so that the hot paths stay small.
using System.Diagnostics.CodeAnalysis;

namespace System
{
    internal static class ThrowHelper
    {
        [DoesNotReturn]
        internal static void ThrowIndexOutOfRangeException() => throw new IndexOutOfRangeException();

        [DoesNotReturn]
        internal static void ThrowArgumentOutOfRangeException() => throw new ArgumentOutOfRangeException();

        [DoesNotReturn]
        internal static void ThrowArgumentException() => throw new ArgumentException("Destination is too short.");

        [DoesNotReturn]
        internal static void ThrowArgumentNullException() => throw new ArgumentNullException();

        [DoesNotReturn]
        internal static void ThrowNullReferenceException() => throw new NullReferenceException();

        [DoesNotReturn]
        internal static void ThrowInvalidOperationException() => throw new InvalidOperationException("Nullable object must have a value.");

        [DoesNotReturn]
        internal static void ThrowArrayTypeMismatchException() => throw new ArrayTypeMismatchException();
    }
}
