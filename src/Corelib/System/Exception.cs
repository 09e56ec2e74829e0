// Exception: the base of everything that can be thrown. In the kernel a throw ends in a panic that names
// the exception's type and message (see RuntimeExports.RhpThrowEx); catch arrives with the unwinder.
namespace System
{
    public class Exception
    {
        private readonly string _message;
        private readonly Exception _innerException;

        public Exception() { }

        public Exception(string message) { _message = message; }

        public Exception(string message, Exception innerException)
        {
            _message = message;
            _innerException = innerException;
        }

        public virtual string Message => _message ?? DefaultMessage;

        public Exception InnerException => _innerException;

        // The message a subclass shows when thrown without one.
        private protected virtual string DefaultMessage => "Exception of type System.Exception was thrown.";
    }
}
