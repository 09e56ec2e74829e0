// Host tests of how refused frees are reported: an error line naming the address, and no more than
// LoggedFreeErrors of them (plus one saying the rest are only counted) however many frees are refused.
using System;
using System.Collections.Generic;
using System.Text;
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Physical;
using Xunit;
using static MinimalOS.Tests.Host.Memory.TestMemoryMaps;

namespace MinimalOS.Tests.Host.Memory
{
    [Collection("Log")]
    public class FrameAllocatorLogTests
    {
        // Tests outside the "Log" collection may log while this sink is attached: keep pmm lines only, under a lock
        // (every test that makes the allocator log is in the collection, so they do not run alongside).
        private sealed class PmmCapture : ILogSink
        {
            public readonly List<(LogLevel Level, string Text)> Lines = new();

            public void WriteLine(LogLevel level, ReadOnlySpan<byte> line)
            {
                string text = Encoding.UTF8.GetString(line);
                if (!text.Contains(" pmm: ", StringComparison.Ordinal))
                    return;
                lock (Lines)
                    Lines.Add((level, text));
            }
        }

        [Fact]
        public void RefusedFreesAreLoggedWithTheirAddressUpToALimit()
        {
            using var window = new HostPhysicalWindow(MiB, MiB);
            Assert.True(FrameAllocator.TryCreate(Small(), new ReservedRanges(), window.Map, new PhysicalAddress(4 * GiB), out FrameAllocator frames, out _));
            var sink = new PmmCapture();
            Assert.True(Log.AddSink(sink, replayHistory: false));
            try
            {
                Assert.Equal(FrameFreeResult.NotAllocated, frames.FreeFrame(new PhysicalAddress(0x2345000)));
                for (int i = 0; i < 20; i++)
                    frames.FreeFrame(new PhysicalAddress(0x8000));
            }
            finally
            {
                Log.RemoveSink(sink);
            }
            Assert.Equal(21UL, frames.FreeErrors);
            Assert.Contains(sink.Lines, l => l.Level == LogLevel.Error && l.Text.Contains("0x2345000 is not allocated", StringComparison.Ordinal));
            Assert.Contains(sink.Lines, l => l.Text.Contains("0x8000 is reserved", StringComparison.Ordinal));
            Assert.Equal((int)FrameAllocator.LoggedFreeErrors + 1, sink.Lines.Count);
            Assert.Contains("counted in FreeErrors", sink.Lines[sink.Lines.Count - 1].Text);
        }
    }
}
