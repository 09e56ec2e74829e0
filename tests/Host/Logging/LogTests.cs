// Host tests of the kernel log: line prefix, interpolation holes and formats, minimum level, truncation.
using System;
using System.Collections.Generic;
using System.Text;
using MinimalOS.Kernel.Logging;
using Xunit;

namespace MinimalOS.Tests.Host.Logging
{
    // Log is static: these tests share it, so xunit must not run them in parallel with each other.
    [Collection("Log")]
    public unsafe class LogTests
    {
        private sealed class CaptureSink : ILogSink
        {
            public readonly List<(LogLevel Level, string Line)> Lines = new();
            public void WriteLine(LogLevel level, ReadOnlySpan<byte> line) => Lines.Add((level, Encoding.UTF8.GetString(line)));
        }

        private static ulong s_now;
        private static ulong FakeClock() => s_now;

        [Fact]
        public void FormatsPrefixAndInterpolatedHoles()
        {
            var sink = new CaptureSink();
            Assert.True(Log.AddSink(sink, replayHistory: false));
            try
            {
                Log.SetClock(&FakeClock);
                s_now = 12_345_678_901;
                ulong address = 0xB8000;
                int count = -3;
                Log.Info("mem", $"frame {address:x8} count {count} ok={true} {'c'}");
                Assert.Single(sink.Lines);
                Assert.Equal(LogLevel.Info, sink.Lines[0].Level);
                Assert.Equal("[   12.345678] INFO  mem: frame 000b8000 count -3 ok=true c", sink.Lines[0].Line);
            }
            finally
            {
                Log.RemoveSink(sink);
            }
        }

        [Fact]
        public void DropsLinesBelowTheMinimumLevel()
        {
            var sink = new CaptureSink();
            Log.AddSink(sink, replayHistory: false);
            LogLevel previous = Log.MinimumLevel;
            try
            {
                Log.MinimumLevel = LogLevel.Warn;
                Log.Info("x", $"hidden");
                Log.Error("x", $"shown");
                Assert.Single(sink.Lines);
                Assert.EndsWith("ERROR x: shown", sink.Lines[0].Line);
            }
            finally
            {
                Log.MinimumLevel = previous;
                Log.RemoveSink(sink);
            }
        }

        [Fact]
        public void HexOfNegativeNumbersIsTheBitPattern()
        {
            var message = new LogMessage(0, 1);
            message.AppendFormatted(-1, "x");
            Assert.Equal("ffffffff", Encoding.ASCII.GetString(message.Text));
        }

        [Fact]
        public void OverlongMessagesAreTruncatedNotOverflowed()
        {
            var message = new LogMessage(0, 1);
            message.AppendFormatted(new string('a', LogMessage.Capacity + 50));
            Assert.Equal(LogMessage.Capacity, message.Text.Length);
            Assert.True(message.Truncated);
        }
    }
}
