// Host tests of the kept start of the log and its replay to late sinks.
using System;
using System.Collections.Generic;
using System.Text;
using MinimalOS.Kernel.Logging;
using Xunit;

namespace MinimalOS.Tests.Host.Logging
{
    public class LogHistoryTests
    {
        private sealed class CaptureSink : ILogSink
        {
            public readonly List<(LogLevel Level, string Line)> Lines = new();
            public void WriteLine(LogLevel level, ReadOnlySpan<byte> line) => Lines.Add((level, Encoding.UTF8.GetString(line)));
        }

        [Fact]
        public void ReplaysRecordedLinesInOrderWithTheirLevels()
        {
            var history = new LogHistory();
            history.Record(LogLevel.Info, "first"u8);
            history.Record(LogLevel.Error, ""u8);
            history.Record(LogLevel.Warn, "third"u8);
            var sink = new CaptureSink();
            history.Replay(sink);
            Assert.Equal(new[] { (LogLevel.Info, "first"), (LogLevel.Error, ""), (LogLevel.Warn, "third") }, sink.Lines);
        }

        [Fact]
        public void KeepsTheEarliestLinesWhenFullAndSaysSo()
        {
            var history = new LogHistory();
            byte[] line = new byte[1000];
            Array.Fill(line, (byte)'x');
            int recorded = 0;
            while (!history.IsFull)
            {
                line[0] = (byte)('0' + recorded % 10);
                history.Record(LogLevel.Debug, line);
                if (!history.IsFull)
                    recorded++;
            }
            history.Record(LogLevel.Info, "after full"u8);
            var sink = new CaptureSink();
            history.Replay(sink);
            Assert.Equal(LogHistory.Capacity / 1003, recorded);
            Assert.Equal(recorded + 1, sink.Lines.Count);
            Assert.StartsWith("0xxx", sink.Lines[0].Line);
            Assert.Contains("log history full", sink.Lines[^1].Line);
            Assert.DoesNotContain(sink.Lines, l => l.Line == "after full");
        }

        [Fact]
        public void EmptyHistoryReplaysNothing()
        {
            var sink = new CaptureSink();
            new LogHistory().Replay(sink);
            Assert.Empty(sink.Lines);
        }
    }

    [Collection("Log")]
    public class LogReplayTests
    {
        private sealed class CaptureSink : ILogSink
        {
            public readonly List<string> Lines = new();
            public void WriteLine(LogLevel level, ReadOnlySpan<byte> line) => Lines.Add(Encoding.UTF8.GetString(line));
        }

        [Fact]
        public void ALateSinkSeesLinesLoggedBeforeIt()
        {
            var early = new CaptureSink();
            Log.AddSink(early, replayHistory: false);
            try
            {
                Log.Info("replay", $"logged before the late sink {42}");
            }
            finally
            {
                Log.RemoveSink(early);
            }
            var late = new CaptureSink();
            Log.AddSink(late);
            try
            {
                Assert.Contains(late.Lines, l => l.EndsWith("replay: logged before the late sink 42"));
            }
            finally
            {
                Log.RemoveSink(late);
            }
        }
    }
}
