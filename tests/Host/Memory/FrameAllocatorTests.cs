// Host tests of the frame allocator on synthetic maps: what is reserved, statistics, exhaustion,
// contiguous runs with alignment and the 4 GiB limit, fragmentation, refused frees, the accessible end,
// rebasing, and failure to build. "Physical memory" is a host window covering the bitmaps and the few
// frames a test writes to.
using System;
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Physical;
using Xunit;
using static MinimalOS.Tests.Host.Memory.TestMemoryMaps;

namespace MinimalOS.Tests.Host.Memory
{
    [Collection("Log")] // its refused frees log; FrameAllocatorLogTests counts pmm lines
    public unsafe class FrameAllocatorTests : IDisposable
    {
        private const ulong Frame = FrameAllocator.FrameSize;
        private readonly HostPhysicalWindow _window = new HostPhysicalWindow(MiB, 8 * MiB);

        public void Dispose() => _window.Dispose();

        private FrameAllocator Create(MemoryMap map, ReservedRanges reserved = null, ulong accessibleEnd = 4 * GiB)
        {
            Assert.True(FrameAllocator.TryCreate(map, reserved ?? new ReservedRanges(), _window.Map, new PhysicalAddress(accessibleEnd), out FrameAllocator frames, out string whyNot), whyNot);
            Assert.True(_window.Contains(frames.BitmapStart, frames.BitmapBytes), "bitmaps inside the test window");
            AssertConsistent(frames);
            return frames;
        }

        private static void AssertConsistent(FrameAllocator frames)
        {
            FrameStatistics stats = frames.Statistics;
            Assert.Equal(stats.TotalFrames, stats.UsedFrames + stats.FreeFrames + stats.ReservedFrames);
        }

        private static ReservedRanges Kernel(ulong start, ulong length)
        {
            var reserved = new ReservedRanges();
            reserved.Add(new PhysicalAddress(start), length, "kernel");
            return reserved;
        }

        [Fact]
        public void SmallMapCountsEveryFrameOnce()
        {
            FrameAllocator frames = Create(Small());
            FrameStatistics stats = frames.Statistics;
            ulong usableAbove1MiB = (64 * MiB - 128 * KiB - MiB) / Frame;
            Assert.Equal((64 * MiB - 128 * KiB) / Frame, stats.TotalFrames);
            Assert.Equal(0UL, stats.UsedFrames);
            Assert.Equal(MiB, frames.BitmapStart.Value);
            Assert.Equal(usableAbove1MiB - frames.BitmapBytes / Frame, stats.FreeFrames);
            Assert.Equal(FrameState.Reserved, frames.StateOf(new PhysicalAddress(0)));
            Assert.Equal(FrameState.Reserved, frames.StateOf(new PhysicalAddress(0x8000)));
            Assert.Equal(FrameState.Reserved, frames.StateOf(frames.BitmapStart));
            Assert.Equal(FrameState.Free, frames.StateOf(new PhysicalAddress(MiB + frames.BitmapBytes)));
            Assert.Equal(FrameState.Outside, frames.StateOf(new PhysicalAddress(64 * MiB)));
        }

        [Fact]
        public void ReservedRangesOverlappingEachOtherAndTheMapAreWidenedToWholeFrames()
        {
            var reserved = new ReservedRanges();
            reserved.Add(new PhysicalAddress(MiB), MiB, "kernel");
            reserved.Add(new PhysicalAddress(MiB + MiB / 2), MiB + 1, "module inside and past the kernel, unaligned end");
            reserved.Add(new PhysicalAddress(10 * MiB + 100), 10, "a few bytes mid-frame");
            reserved.Add(new PhysicalAddress(64 * MiB - 256 * KiB), GiB, "past the end of RAM");
            reserved.Add(new PhysicalAddress(ulong.MaxValue - 10), 100, "wraps");
            FrameAllocator frames = Create(Small(), reserved);
            Assert.Equal(2 * MiB + MiB / 2 + Frame, frames.BitmapStart.Value);
            Assert.Equal(FrameState.Reserved, frames.StateOf(new PhysicalAddress(2 * MiB + MiB / 2)));
            Assert.Equal(FrameState.Free, frames.StateOf(new PhysicalAddress(2 * MiB + MiB / 2 + 2 * Frame)));
            Assert.Equal(FrameState.Reserved, frames.StateOf(new PhysicalAddress(10 * MiB)));
            Assert.Equal(FrameState.Free, frames.StateOf(new PhysicalAddress(10 * MiB + Frame)));
            Assert.Equal(FrameState.Free, frames.StateOf(new PhysicalAddress(10 * MiB - Frame)));
            Assert.Equal(FrameState.Reserved, frames.StateOf(new PhysicalAddress(64 * MiB - 256 * KiB)));
            Assert.Equal(FrameState.Free, frames.StateOf(new PhysicalAddress(64 * MiB - 256 * KiB - Frame)));
            ulong expectedFree = (64 * MiB - 256 * KiB - MiB) / Frame - (MiB + MiB / 2 + Frame) / Frame - 1 - frames.BitmapBytes / Frame;
            Assert.Equal(expectedFree, frames.Statistics.FreeFrames);
        }

        [Fact]
        public void UnalignedUsableEdgesLoseTheirPartialFrames()
        {
            MemoryMap map = Build((MiB + 100, 8 * MiB - 200, MemoryKind.Usable));
            FrameAllocator frames = Create(map);
            Assert.Equal(MiB + Frame, frames.BitmapStart.Value);
            Assert.Equal(FrameState.Reserved, frames.StateOf(new PhysicalAddress(MiB)));
            Assert.Equal(FrameState.Free, frames.StateOf(new PhysicalAddress(9 * MiB - 2 * Frame)));
            Assert.Equal(FrameState.Outside, frames.StateOf(new PhysicalAddress(9 * MiB - Frame)));
            Assert.Equal((8 * MiB - 2 * Frame) / Frame - 1, frames.Statistics.FreeFrames);
        }

        [Fact]
        public void LargeMapTracksMemoryAbove4GiBButHandsItOutOnlyOnceAccessible()
        {
            FrameAllocator frames = Create(Large());
            FrameStatistics stats = frames.Statistics;
            Assert.Equal(9 * GiB / Frame, stats.TotalFrames);
            Assert.Equal(2 * FrameBitmap.WordsFor(stats.TotalFrames) * 8, frames.BitmapBytes);
            Assert.True(frames.BitmapBytes <= 640 * KiB);
            Assert.Equal(FrameState.Reserved, frames.StateOf(new PhysicalAddress(3 * GiB + MiB)));
            Assert.Equal(FrameState.Reserved, frames.StateOf(new PhysicalAddress(3 * GiB - Frame)));
            Assert.Equal(FrameState.Free, frames.StateOf(new PhysicalAddress(5 * GiB)));
            Assert.Equal(4 * GiB, frames.AccessibleEnd.Value);

            Assert.False(frames.TryAllocateContiguous(1, 4 * GiB, false, out _));
            Assert.True(frames.RaiseAccessibleEnd(new PhysicalAddress(ulong.MaxValue)));
            Assert.Equal(9 * GiB, frames.AccessibleEnd.Value);
            Assert.False(frames.RaiseAccessibleEnd(new PhysicalAddress(4 * GiB)));
            Assert.False(frames.TryAllocateContiguous(1, 4 * GiB, true, out _));
            Assert.True(frames.TryAllocateContiguous(1, 4 * GiB, false, out PhysicalAddress high));
            Assert.Equal(4 * GiB, high.Value);
            Assert.Equal(FrameFreeResult.Freed, frames.FreeFrame(high));
            AssertConsistent(frames);
        }

        [Fact]
        public void SingleFramesStayBelowTheAccessibleEnd()
        {
            MemoryMap map = Build((MiB, MiB, MemoryKind.Usable), (4 * GiB, 16 * MiB, MemoryKind.Usable));
            FrameAllocator frames = Create(map);
            ulong count = 0;
            while (frames.TryAllocate(out PhysicalAddress frame))
            {
                Assert.True(frame.Value < 2 * MiB);
                count++;
            }
            Assert.Equal((MiB - frames.BitmapBytes) / Frame, count);
            frames.RaiseAccessibleEnd(new PhysicalAddress(ulong.MaxValue));
            Assert.True(frames.TryAllocate(out PhysicalAddress above));
            Assert.True(above.Value >= 4 * GiB);
            AssertConsistent(frames);
        }

        [Fact]
        public void ExhaustionReturnsFalseAndAllocationResumesAfterAFree()
        {
            FrameAllocator frames = Create(Build((MiB, 256 * KiB, MemoryKind.Usable)));
            ulong free = frames.Statistics.FreeFrames;
            var taken = new System.Collections.Generic.HashSet<ulong>();
            for (ulong i = 0; i < free; i++)
            {
                Assert.True(frames.TryAllocate(out PhysicalAddress frame));
                Assert.True(taken.Add(frame.Value), "no frame handed out twice");
            }
            Assert.False(frames.TryAllocate(out _));
            Assert.False(frames.TryAllocateZeroed(out _));
            Assert.False(frames.TryAllocateContiguous(1, Frame, false, out _));
            Assert.Equal(0UL, frames.Statistics.FreeFrames);
            AssertConsistent(frames);
            ulong some = MiB + 10 * Frame;
            Assert.Equal(FrameFreeResult.Freed, frames.FreeFrame(new PhysicalAddress(some)));
            Assert.True(frames.TryAllocate(out PhysicalAddress again));
            Assert.Equal(some, again.Value);
        }

        [Fact]
        public void AFreedFrameIsHandedOutAgainFirst()
        {
            FrameAllocator frames = Create(Small());
            Assert.True(frames.TryAllocate(out PhysicalAddress first));
            Assert.True(frames.TryAllocate(out PhysicalAddress second));
            Assert.True(frames.TryAllocate(out PhysicalAddress third));
            Assert.Equal(first.Value + Frame, second.Value);
            Assert.Equal(FrameFreeResult.Freed, frames.FreeFrame(second));
            Assert.True(frames.TryAllocate(out PhysicalAddress again));
            Assert.Equal(second.Value, again.Value);
            Assert.True(frames.TryAllocate(out PhysicalAddress next));
            Assert.Equal(third.Value + Frame, next.Value);
        }

        [Fact]
        public void ZeroedFramesAreZeroThroughTheDirectMap()
        {
            FrameAllocator frames = Create(Small());
            Assert.True(frames.TryAllocate(out PhysicalAddress dirty));
            new Span<byte>(frames.DirectMap.ToPointer(dirty), (int)Frame).Fill(0xFF);
            Assert.Equal(FrameFreeResult.Freed, frames.FreeFrame(dirty));
            Assert.True(frames.TryAllocateZeroed(out PhysicalAddress frame));
            Assert.Equal(dirty.Value, frame.Value);
            Assert.True(_window.Contains(frame, Frame));
            byte* bytes = frames.DirectMap.ToPointer(frame);
            for (int i = 0; i < (int)Frame; i++)
                Assert.Equal(0, bytes[i]);
            Assert.Equal(0xA5, bytes[Frame]);
        }

        [Fact]
        public void ContiguousRunsAreAlignedFreeAndMarkedUsed()
        {
            FrameAllocator frames = Create(Small(), Kernel(MiB, 3 * MiB + 5 * Frame));
            Assert.True(frames.TryAllocateContiguous(512, 2 * MiB, false, out PhysicalAddress run));
            Assert.Equal(0UL, run.Value % (2 * MiB));
            Assert.Equal(6 * MiB, run.Value);
            for (ulong i = 0; i < 512; i++)
                Assert.Equal(FrameState.Used, frames.StateOf(new PhysicalAddress(run.Value + i * Frame)));
            Assert.True(frames.TryAllocateContiguous(3, 16 * Frame, true, out PhysicalAddress small));
            Assert.Equal(0UL, small.Value % (16 * Frame));
            Assert.True(small.Value < 4 * GiB);
            Assert.Equal(512UL + 3, frames.Statistics.UsedFrames);
            Assert.Equal(FrameFreeResult.Freed, frames.FreeContiguous(run, 512));
            Assert.Equal(FrameFreeResult.Freed, frames.FreeContiguous(small, 3));
            Assert.Equal(0UL, frames.Statistics.UsedFrames);
        }

        [Fact]
        public void MalformedOrImpossibleContiguousRequestsReturnFalse()
        {
            FrameAllocator frames = Create(Small());
            ulong free = frames.Statistics.FreeFrames;
            Assert.False(frames.TryAllocateContiguous(0, Frame, false, out _));
            Assert.False(frames.TryAllocateContiguous(1, 3 * Frame, false, out _));
            Assert.False(frames.TryAllocateContiguous(1, 0, false, out _));
            Assert.False(frames.TryAllocateContiguous(free + 1, Frame, false, out _));
            Assert.False(frames.TryAllocateContiguous(1, 1UL << 63, false, out _));
            Assert.False(frames.TryAllocateContiguous(ulong.MaxValue, Frame, false, out _));
            Assert.True(frames.TryAllocateContiguous(free, 1, false, out _));
            Assert.Equal(0UL, frames.Statistics.FreeFrames);
        }

        [Fact]
        public void FragmentedMemoryRefusesRunsUntilNeighboursAreFreed()
        {
            FrameAllocator frames = Create(Build((MiB, 256 * KiB, MemoryKind.Usable)));
            ulong first = frames.BitmapStart.Value + frames.BitmapBytes;
            ulong free = frames.Statistics.FreeFrames;
            Assert.True(frames.TryAllocateContiguous(free, Frame, false, out PhysicalAddress all));
            Assert.Equal(first, all.Value);
            for (ulong i = 0; i < free; i += 2)
                Assert.Equal(FrameFreeResult.Freed, frames.FreeFrame(new PhysicalAddress(first + i * Frame)));
            Assert.False(frames.TryAllocateContiguous(2, Frame, false, out _));
            Assert.Equal(FrameFreeResult.Freed, frames.FreeFrame(new PhysicalAddress(first + 5 * Frame)));
            Assert.True(frames.TryAllocateContiguous(2, Frame, false, out PhysicalAddress pair));
            Assert.Equal(first + 4 * Frame, pair.Value);
            AssertConsistent(frames);
        }

        [Fact]
        public void BadFreesAreRefusedCountedAndChangeNothing()
        {
            FrameAllocator frames = Create(Small(), Kernel(MiB, MiB));
            Assert.True(frames.TryAllocate(out PhysicalAddress frame));
            Assert.True(frames.TryAllocateContiguous(4, Frame, false, out PhysicalAddress run));
            FrameStatistics before = frames.Statistics;

            Assert.Equal(FrameFreeResult.Misaligned, frames.FreeFrame(new PhysicalAddress(frame.Value + 8)));
            Assert.Equal(FrameFreeResult.Misaligned, frames.FreeContiguous(run, 0));
            Assert.Equal(FrameFreeResult.Reserved, frames.FreeFrame(new PhysicalAddress(MiB)));
            Assert.Equal(FrameFreeResult.Reserved, frames.FreeFrame(new PhysicalAddress(0)));
            Assert.Equal(FrameFreeResult.Reserved, frames.FreeFrame(frames.BitmapStart));
            Assert.Equal(FrameFreeResult.OutOfRange, frames.FreeFrame(new PhysicalAddress(64 * MiB)));
            Assert.Equal(FrameFreeResult.OutOfRange, frames.FreeFrame(new PhysicalAddress(ulong.MaxValue & ~(Frame - 1))));
            Assert.Equal(FrameFreeResult.OutOfRange, frames.FreeContiguous(run, ulong.MaxValue));
            Assert.Equal(FrameFreeResult.NotAllocated, frames.FreeContiguous(run, 5));
            Assert.Equal(FrameFreeResult.NotAllocated, frames.FreeFrame(new PhysicalAddress(32 * MiB)));
            Assert.Equal(10UL, frames.FreeErrors);

            FrameStatistics after = frames.Statistics;
            Assert.Equal(before.UsedFrames, after.UsedFrames);
            Assert.Equal(before.FreeFrames, after.FreeFrames);
            Assert.Equal(FrameState.Used, frames.StateOf(frame));
            Assert.Equal(FrameState.Used, frames.StateOf(new PhysicalAddress(run.Value + 3 * Frame)));

            Assert.Equal(FrameFreeResult.Freed, frames.FreeFrame(frame));
            Assert.Equal(FrameFreeResult.NotAllocated, frames.FreeFrame(frame));
            Assert.Equal(11UL, frames.FreeErrors);
            Assert.Equal(before.FreeFrames + 1, frames.Statistics.FreeFrames);
            AssertConsistent(frames);
        }

        [Fact]
        public void RebaseFollowsTheBitmapsToANewMapping()
        {
            FrameAllocator frames = Create(Small());
            Assert.True(frames.TryAllocate(out PhysicalAddress kept));
            using var moved = new HostPhysicalWindow(MiB, 8 * MiB);
            Buffer.MemoryCopy(_window.Bytes, moved.Bytes, moved.Size, _window.Size);
            new Span<byte>(_window.Bytes, (int)_window.Size).Fill(0xFF);

            frames.Rebase(moved.Map);
            Assert.Equal(moved.Map.Offset, frames.DirectMap.Offset);
            Assert.Equal(FrameState.Used, frames.StateOf(kept));
            Assert.True(frames.TryAllocateZeroed(out PhysicalAddress next));
            Assert.NotEqual(kept.Value, next.Value);
            Assert.Equal(0, moved.Bytes[next.Value - MiB]);
            Assert.Equal(0xFF, _window.Bytes[next.Value - MiB]);
            Assert.Equal(FrameFreeResult.Freed, frames.FreeFrame(kept));
            AssertConsistent(frames);
        }

        [Fact]
        public void NoUsableMemoryOrNoRoomForTheBitmapsIsAClearFailure()
        {
            Assert.False(FrameAllocator.TryCreate(Build((0, 0x9F000, MemoryKind.Usable), (MiB, GiB, MemoryKind.Reserved)), new ReservedRanges(), _window.Map, new PhysicalAddress(4 * GiB), out FrameAllocator none, out string whyNone));
            Assert.Null(none);
            Assert.Contains("no usable RAM", whyNone);
            Assert.False(FrameAllocator.TryCreate(Small(), Kernel(MiB, 63 * MiB), _window.Map, new PhysicalAddress(4 * GiB), out _, out string whyFull));
            Assert.Contains("bitmaps", whyFull);
            Assert.False(FrameAllocator.TryCreate(Build((4 * GiB, GiB, MemoryKind.Usable)), new ReservedRanges(), _window.Map, new PhysicalAddress(4 * GiB), out _, out _));
        }

        [Fact]
        public void ServesAsAnIFrameAllocator()
        {
            IFrameAllocator frames = Create(Small());
            Assert.True(frames.TryAllocateZeroed(out PhysicalAddress frame));
            frames.Free(frame);
            frames.Free(frame);
            Assert.Equal(1UL, ((FrameAllocator)frames).FreeErrors);
        }

        private static ulong s_fakeNanoseconds;

        private static ulong FakeClock() => s_fakeNanoseconds += 100;

        [Fact]
        public void BenchmarkTimesBothKindsAndGivesEverythingBack()
        {
            FrameAllocator frames = Create(Small());
            FrameStatistics before = frames.Statistics;
            FrameAllocatorBenchmark.Result result = FrameAllocatorBenchmark.Run(frames, &FakeClock, rounds: 3);
            Assert.Equal(3UL * FrameAllocatorBenchmark.Batch, result.SingleAllocations);
            Assert.Equal(3UL * FrameAllocatorBenchmark.Batch, result.RunAllocations);
            Assert.Equal(100UL, result.SingleNanoseconds);
            Assert.Equal(100UL / (3 * FrameAllocatorBenchmark.Batch), result.NanosecondsPerSingle);
            Assert.Equal(before.FreeFrames, frames.Statistics.FreeFrames);
            Assert.Equal(0UL, frames.FreeErrors);
        }

        [Fact]
        public void BenchmarkStopsEarlyWhenMemoryRunsShort()
        {
            FrameAllocator frames = Create(Build((MiB, 64 * Frame, MemoryKind.Usable)));
            ulong free = frames.Statistics.FreeFrames;
            FrameAllocatorBenchmark.Result result = FrameAllocatorBenchmark.Run(frames, &FakeClock, rounds: 2);
            Assert.Equal(2 * free, result.SingleAllocations);
            Assert.Equal(2 * (free / FrameAllocatorBenchmark.RunFrames), result.RunAllocations);
            Assert.Equal(free, frames.Statistics.FreeFrames);
        }
    }
}
