// Sends log lines to a 16550 UART with ANSI colours by level, CRLF-terminated (terminals and QEMU's
// -serial stdio expect CR). Must not allocate or log (it is called from panics).
using System;
using MinimalOS.Kernel.Logging;

namespace MinimalOS.Kernel.Devices
{
    internal sealed class SerialLogSink : ILogSink
    {
        private Serial16550 _port;

        public SerialLogSink(Serial16550 port, bool colour)
        {
            _port = port;
            Colour = colour;
        }

        /// <summary>ANSI colours on or off; the serial.colour boot option sets it once the command line is known.</summary>
        public bool Colour { get; set; }

        public void WriteLine(LogLevel level, ReadOnlySpan<byte> line)
        {
            if (Colour)
                WriteAscii(ColourFor(level));
            _port.Write(line);
            if (Colour)
                WriteAscii("\x1b[0m");
            _port.Write((byte)'\r');
            _port.Write((byte)'\n');
        }

        private void WriteAscii(string text)
        {
            foreach (char c in text)
                _port.Write((byte)c);
        }

        private static string ColourFor(LogLevel level) => level switch
        {
            LogLevel.Trace => "\x1b[90m",
            LogLevel.Debug => "\x1b[37m",
            LogLevel.Info => "\x1b[0m",
            LogLevel.Warn => "\x1b[33m",
            LogLevel.Error => "\x1b[31m",
            _ => "\x1b[1;31m",
        };
    }
}
