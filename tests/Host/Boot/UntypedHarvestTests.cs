// Host tests of turning free memory into untyped regions: the kernel keeps its reserve, regions are
// naturally aligned and never overlap, larger ones come first, and a fragmented memory still yields small
// regions. The fake allocator hands out aligned runs from a simple frame bitmap.
using System.Collections.Generic;
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Physical;
using Xunit;

namespace MinimalOS.Tests.Host.Boot
{
    public sealed class UntypedHarvestTests
    {
        private sealed class BitmapFrames : IContiguousFrameAllocator
        {
            private readonly bool[] _used;

            public BitmapFrames(ulong frames) => _used = new bool[frames];

            public void MarkUsed(ulong frame) => _used[frame] = true;

            public FrameStatistics Statistics
            {
                get
                {
                    ulong used = 0;
                    foreach (bool u in _used)
                        used += u ? 1UL : 0;
                    return new FrameStatistics((ulong)_used.Length, used, (ulong)_used.Length - used, 0);
                }
            }

            public bool TryAllocateContiguous(ulong frameCount, ulong alignmentBytes, bool below4GiB, out PhysicalAddress start)
            {
                ulong step = alignmentBytes / PageSize.Small;
                for (ulong first = 0; first + frameCount <= (ulong)_used.Length; first += step)
                {
                    bool free = true;
                    for (ulong i = 0; i < frameCount && free; i++)
                        free = !_used[first + i];
                    if (!free)
                        continue;
                    for (ulong i = 0; i < frameCount; i++)
                        _used[first + i] = true;
                    start = new PhysicalAddress(first * PageSize.Small);
                    return true;
                }
                start = default;
                return false;
            }
        }

        [Fact]
        public void RegionsAreAlignedDisjointLargestFirstAndLeaveTheReserve()
        {
            var frames = new BitmapFrames((256UL << 20) / PageSize.Small);
            frames.MarkUsed(5);
            UntypedHarvest harvest = UntypedHarvest.Collect(frames);
            Assert.True(harvest.Count > 1);
            var covered = new List<(ulong, ulong)>();
            int previousBits = int.MaxValue;
            for (int i = 0; i < harvest.Count; i++)
            {
                ulong start = harvest.Base(i).Value;
                ulong size = 1UL << harvest.SizeBits(i);
                Assert.Equal(0UL, start & (size - 1));
                Assert.True(harvest.SizeBits(i) <= previousBits);
                previousBits = harvest.SizeBits(i);
                foreach ((ulong s, ulong e) in covered)
                    Assert.True(start + size <= s || start >= e);
                covered.Add((start, start + size));
            }
            ulong reserve = (256UL << 20) / 8;
            Assert.True(frames.Statistics.FreeFrames * PageSize.Small >= reserve);
            Assert.True(harvest.TotalBytes >= (256UL << 20) - reserve - (2UL << 20));
        }

        [Fact]
        public void FragmentedMemoryStillYieldsSmallRegions()
        {
            var frames = new BitmapFrames(64 * 1024);
            for (ulong f = 0; f < 64 * 1024; f += 2)
                frames.MarkUsed(f);
            UntypedHarvest harvest = UntypedHarvest.Collect(frames);
            Assert.True(harvest.Count > 0);
            for (int i = 0; i < harvest.Count; i++)
                Assert.Equal(UntypedHarvest.SmallestBits, harvest.SizeBits(i));
        }

        [Fact]
        public void MemoryBelowTheReserveGivesNothing()
        {
            var frames = new BitmapFrames((8UL << 20) / PageSize.Small);
            Assert.Equal(0, UntypedHarvest.Collect(frames).Count);
        }

        [Fact]
        public void NoMoreThanMaxRegionsAreTaken()
        {
            var frames = new BitmapFrames((1UL << 30) / PageSize.Small);
            for (ulong f = 0; f < (1UL << 30) / PageSize.Small; f += 2)
                frames.MarkUsed(f);
            UntypedHarvest harvest = UntypedHarvest.Collect(frames);
            Assert.Equal(UntypedHarvest.MaxRegions, harvest.Count);
        }
    }
}
