// The exception types the runtime itself raises (bounds, casts, nulls, arithmetic, arguments).
namespace System
{
    public class SystemException : Exception
    {
        public SystemException() { }
        public SystemException(string message) : base(message) { }
        private protected override string DefaultMessage => "System error.";
    }

    public class ArithmeticException : SystemException
    {
        public ArithmeticException() { }
        public ArithmeticException(string message) : base(message) { }
        private protected override string DefaultMessage => "Arithmetic operation failed.";
    }

    public sealed class DivideByZeroException : ArithmeticException
    {
        public DivideByZeroException() { }
        public DivideByZeroException(string message) : base(message) { }
        private protected override string DefaultMessage => "Attempted to divide by zero.";
    }

    public sealed class OverflowException : ArithmeticException
    {
        public OverflowException() { }
        public OverflowException(string message) : base(message) { }
        private protected override string DefaultMessage => "Arithmetic operation resulted in an overflow.";
    }

    public sealed class IndexOutOfRangeException : SystemException
    {
        public IndexOutOfRangeException() { }
        public IndexOutOfRangeException(string message) : base(message) { }
        private protected override string DefaultMessage => "Index was outside the bounds of the array.";
    }

    public sealed class NullReferenceException : SystemException
    {
        public NullReferenceException() { }
        public NullReferenceException(string message) : base(message) { }
        private protected override string DefaultMessage => "Object reference not set to an instance of an object.";
    }

    public sealed class InvalidCastException : SystemException
    {
        public InvalidCastException() { }
        public InvalidCastException(string message) : base(message) { }
        private protected override string DefaultMessage => "Specified cast is not valid.";
    }

    public sealed class ArrayTypeMismatchException : SystemException
    {
        public ArrayTypeMismatchException() { }
        public ArrayTypeMismatchException(string message) : base(message) { }
        private protected override string DefaultMessage => "Attempted to access an element as a type incompatible with the array.";
    }

    public class ArgumentException : SystemException
    {
        public ArgumentException() { }
        public ArgumentException(string message) : base(message) { }
        private protected override string DefaultMessage => "Value does not fall within the expected range.";
    }

    public class ArgumentNullException : ArgumentException
    {
        public ArgumentNullException() { }
        public ArgumentNullException(string message) : base(message) { }
        private protected override string DefaultMessage => "Value cannot be null.";
    }

    public class ArgumentOutOfRangeException : ArgumentException
    {
        public ArgumentOutOfRangeException() { }
        public ArgumentOutOfRangeException(string message) : base(message) { }
        private protected override string DefaultMessage => "Specified argument was out of the range of valid values.";
    }

    public class InvalidOperationException : SystemException
    {
        public InvalidOperationException() { }
        public InvalidOperationException(string message) : base(message) { }
        private protected override string DefaultMessage => "Operation is not valid due to the current state of the object.";
    }

    public class NotSupportedException : SystemException
    {
        public NotSupportedException() { }
        public NotSupportedException(string message) : base(message) { }
        private protected override string DefaultMessage => "Specified method is not supported.";
    }

    public sealed class PlatformNotSupportedException : NotSupportedException
    {
        public PlatformNotSupportedException() { }
        public PlatformNotSupportedException(string message) : base(message) { }
        private protected override string DefaultMessage => "Operation is not supported on this platform.";
    }

    public class NotImplementedException : SystemException
    {
        public NotImplementedException() { }
        public NotImplementedException(string message) : base(message) { }
        private protected override string DefaultMessage => "The method or operation is not implemented.";
    }

    public sealed class OutOfMemoryException : SystemException
    {
        public OutOfMemoryException() { }
        public OutOfMemoryException(string message) : base(message) { }
        private protected override string DefaultMessage => "Insufficient memory to continue the execution of the program.";
    }

    public sealed class InvalidProgramException : SystemException
    {
        public InvalidProgramException() { }
        public InvalidProgramException(string message) : base(message) { }
        private protected override string DefaultMessage => "Common Language Runtime detected an invalid program.";
    }

    public class TypeLoadException : SystemException
    {
        public TypeLoadException() { }
        public TypeLoadException(string message) : base(message) { }
        private protected override string DefaultMessage => "Failure has occurred while loading a type.";
    }
}

namespace System
{
    public class FormatException : SystemException
    {
        public FormatException() { }
        public FormatException(string message) : base(message) { }
        private protected override string DefaultMessage => "One of the identified items was in an invalid format.";
    }
}
