// Host tests of what the heap reports outward: the statistics lines written to the kernel log and the
// benchmark hook's figure (with a fake clock), which must leave the heap as it found it.
using System;
using System.Collections.Generic;
using System.Text;
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.Memory.Heap;
using Xunit;

namespace MinimalOS.Tests.Host.Memory.Heap
{
    // Log and the fake clock are static: run with the other Log tests, never in parallel with them.
    [Collection("Log")]
    public unsafe class HeapReportingTests
    {
        private sealed class CaptureSink : ILogSink
        {
            public readonly List<string> Lines = new();
            public void WriteLine(LogLevel level, ReadOnlySpan<byte> line) => Lines.Add(Encoding.UTF8.GetString(line));
        }

        private static ulong s_now;
        private static ulong TickingClock() => s_now += 1000;

        [Fact]
        public void StatisticsGoToTheLogPerClassAndInSummary()
        {
            using var ledger = new HostPageLedger(64);
            var heap = new SlabHeap<HostPageSource>(new HostPageSource(ledger), debugChecks: true);
            heap.Allocate(20);
            heap.Allocate(30);
            heap.Allocate(3000);
            heap.Free(heap.Allocate(5000));
            var sink = new CaptureSink();
            Assert.True(Log.AddSink(sink, replayHistory: false));
            try
            {
                HeapStatisticsLog.Write(ref heap);
            }
            finally
            {
                Log.RemoveSink(sink);
            }
            Assert.Equal(3, sink.Lines.Count);
            Assert.EndsWith("heap: class 32: 2 objects, 64 bytes, 1 slabs (0 empty)", sink.Lines[0]);
            Assert.EndsWith("heap: large: 1 blocks, 3000 bytes; cached for reuse: 1 runs, 2 pages", sink.Lines[1]);
            Assert.EndsWith("heap: in use 3064 bytes (peak 8064), 4 pages held (peak 4), 0 faults", sink.Lines[2]);
        }

        [Fact]
        public void BenchmarkDividesElapsedTimeByPairsAndFreesEverything()
        {
            using var ledger = new HostPageLedger(64);
            var heap = new SlabHeap<HostPageSource>(new HostPageSource(ledger), debugChecks: false);
            s_now = 0;
            // The clock is read twice and advances 1000 ns per read: 1000 ns over 3 rounds of 64 pairs.
            Assert.Equal(1000UL / (3 * HeapBenchmark.BatchSize), HeapBenchmark.NanosecondsPerAllocateAndFree(ref heap, 256, 3, &TickingClock));
            Assert.Equal(0UL, heap.BytesInUse);
            Assert.Equal(0UL, HeapBenchmark.NanosecondsPerAllocateAndFree(ref heap, 256, 0, &TickingClock));
            ledger.Limit = 1;
            Assert.Equal(0UL, HeapBenchmark.NanosecondsPerAllocateAndFree(ref heap, 8000, 2, &TickingClock));
            Assert.Equal(0UL, heap.BytesInUse);
            Assert.Equal(0UL, heap.FaultCount);
        }
    }
}
