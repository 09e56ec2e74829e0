// Throws that ilc-generated code calls by name: bounds, nulls, overflow, and features the compiler had to
// remove. Each becomes an ordinary throw, so it ends in the host's unhandled-exception report.
using System;

namespace Internal.Runtime.CompilerHelpers
{
    internal static class ThrowHelpers
    {
        private static void ThrowOverflowException() => throw new OverflowException();
        private static void ThrowIndexOutOfRangeException() => throw new IndexOutOfRangeException();
        private static void ThrowNullReferenceException() => throw new NullReferenceException();
        private static void ThrowDivideByZeroException() => throw new DivideByZeroException();
        private static void ThrowArrayTypeMismatchException() => throw new ArrayTypeMismatchException();
        private static void ThrowPlatformNotSupportedException() => throw new PlatformNotSupportedException();
        private static void ThrowNotImplementedException() => throw new NotImplementedException();
        private static void ThrowNotSupportedException() => throw new NotSupportedException();
        private static void ThrowInvalidCastException() => throw new InvalidCastException();
        private static void ThrowArgumentException() => throw new ArgumentException();
        private static void ThrowArgumentOutOfRangeException() => throw new ArgumentOutOfRangeException();
        private static void ThrowTypeLoadException() => throw new TypeLoadException();
        private static void ThrowTypeLoadExceptionWithArgument(int id, string className, string typeName, string messageArg) =>
            throw new TypeLoadException(typeName);
        private static void ThrowTypeLoadExceptionWithArgument(int id, string className, string typeName) =>
            throw new TypeLoadException(typeName);
        private static void ThrowInvalidProgramException(int id) => throw new InvalidProgramException();
        private static void ThrowInvalidProgramExceptionWithArgument(int id, string methodName) =>
            throw new InvalidProgramException(methodName);
        private static void ThrowMissingMethodException(int id, string methodName) =>
            throw new NotSupportedException(methodName);
        private static void ThrowMissingFieldException(int id, string fieldName) =>
            throw new NotSupportedException(fieldName);
        private static void ThrowFileNotFoundException(int id, string fileName) =>
            throw new NotSupportedException(fileName);
        private static void ThrowInvalidProgramException() => throw new InvalidProgramException();
        private static void ThrowMarshalDirectiveException(int id) => throw new NotSupportedException("marshalling");
        private static void ThrowAmbiguousMatchException(int id) => throw new NotSupportedException("ambiguous match");
        private static void ThrowBodyRemoved() => throw new NotSupportedException("method body removed by the compiler");
        private static void ThrowFeatureBodyRemoved() => throw new NotSupportedException("feature removed by the compiler");
        private static void ThrowInstanceBodyRemoved() => throw new NotSupportedException("instance method removed by the compiler");
        private static void ThrowUnavailableType() => throw new TypeLoadException("type not available");
        private static void ThrowNotSupportedInlineArrayEqualsGetHashCode() => throw new NotSupportedException("inline array equality");
    }
}
