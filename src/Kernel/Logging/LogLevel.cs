// Severity of a log line. Sinks colour by it; Log drops lines below its minimum level.
namespace MinimalOS.Kernel.Logging
{
    public enum LogLevel : byte
    {
        Trace,
        Debug,
        Info,
        Warn,
        Error,
        Fatal,
    }
}
