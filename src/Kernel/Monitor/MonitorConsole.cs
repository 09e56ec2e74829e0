// Where the kernel monitor's text goes: COM1 (with CR LF line ends, as terminals want) and the
// framebuffer console when there is one. Text is formatted into a stack buffer: writing never allocates.
// Those devices are also the log's sinks, so each write holds the log lock: monitor text and log lines
// from other CPUs never interleave, and the console's cursor state is never updated by two CPUs at once.
using System;
using MinimalOS.Kernel.Arch.X86_64.Sync;
using MinimalOS.Kernel.Console;
using MinimalOS.Kernel.Devices;
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.Text;

namespace MinimalOS.Kernel.Monitor
{
    internal sealed class MonitorConsole
    {
        private readonly Serial16550 _serial;
        private readonly FramebufferConsole _screen;

        public MonitorConsole(Serial16550 serial, FramebufferConsole screen)
        {
            _serial = serial;
            _screen = screen;
        }

        public void Write(ReadOnlySpan<byte> utf8)
        {
            LogLock outputLock = LogLock.Instance;
            outputLock?.Acquire();
            foreach (byte b in utf8)
            {
                if (b == (byte)'\n')
                    _serial.Write((byte)'\r');
                _serial.Write(b);
            }
            _screen?.Write(utf8, ConsolePalette.Foreground(LogLevel.Info), ConsolePalette.ScreenBackground);
            outputLock?.Release();
        }

        public void Write(ReadOnlySpan<char> text)
        {
            Span<byte> buffer = stackalloc byte[256];
            while (text.Length != 0)
            {
                int chunk = text.Length < 64 ? text.Length : 64;
                var writer = new TextWriterSpan(buffer);
                writer.Append(text.Slice(0, chunk));
                Write(writer.Written);
                text = text.Slice(chunk);
            }
        }

        public void Write(string text) => Write(text.AsSpan());

        public void WriteLine(string text)
        {
            Write(text);
            Write("\n");
        }

        public void Write(char character)
        {
            Span<char> one = stackalloc char[1];
            one[0] = character;
            Write((ReadOnlySpan<char>)one);
        }
    }
}
