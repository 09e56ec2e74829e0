// A destination for finished log lines (serial port, framebuffer console, a test's capture buffer).
// Called with the log lock held and possibly from a panic: implementations must not allocate or log.
using System;

namespace MinimalOS.Kernel.Logging
{
    public interface ILogSink
    {
        /// <summary>Writes one complete line (UTF-8, no line terminator).</summary>
        void WriteLine(LogLevel level, ReadOnlySpan<byte> line);
    }
}
