// Host tests of the kernel heap's allocator over a host page source: every size class, zeroing,
// alignment, large blocks, free and reuse, fault detection (double free, foreign and interior pointers,
// writes after free), statistics, exhaustion and pages going back to the source.
using System;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Heap;
using Xunit;

namespace MinimalOS.Tests.Host.Memory.Heap
{
    public unsafe class SlabHeapTests : IDisposable
    {
        private readonly HostPageLedger _ledger = new HostPageLedger(4096);
        private SlabHeap<HostPageSource> _heap;

        public SlabHeapTests() => _heap = new SlabHeap<HostPageSource>(new HostPageSource(_ledger), debugChecks: true);

        public void Dispose() => _ledger.Dispose();

        private static bool IsZero(byte* block, int size)
        {
            for (int i = 0; i < size; i++)
            {
                if (block[i] != 0)
                    return false;
            }
            return true;
        }

        [Fact]
        public void EveryClassServesZeroedAlignedBlocksOfItsSize()
        {
            for (int sizeClass = 0; sizeClass < HeapSizeClasses.Count; sizeClass++)
            {
                int size = HeapSizeClasses.SizeOf(sizeClass);
                var first = (byte*)_heap.Allocate((nuint)size);
                var second = (byte*)_heap.Allocate((nuint)size);
                Assert.True(first != null && second != null);
                Assert.Equal(0UL, (ulong)first % 16);
                Assert.Equal(0UL, (ulong)second % 16);
                Assert.True(IsZero(first, size) && IsZero(second, size), $"class {size} zeroed");
                Assert.True(Math.Abs(second - first) >= size, $"class {size} blocks do not overlap");
                Assert.Equal(2, _heap.LiveObjects(sizeClass));
                Assert.Equal(1, _heap.Slabs(sizeClass));
            }
            Assert.Equal(HeapSizeClasses.Count, _heap.PagesHeld);
            Assert.Equal(0UL, _heap.FaultCount);
        }

        [Theory]
        [InlineData(1, 16)]
        [InlineData(16, 16)]
        [InlineData(17, 32)]
        [InlineData(65, 96)]
        [InlineData(257, 336)]
        [InlineData(1009, 1344)]
        [InlineData(2016, 2016)]
        public void RequestsRoundUpToTheSmallestClassThatHoldsThem(int request, int classSize)
        {
            int sizeClass = HeapSizeClasses.ForSize((nuint)request);
            Assert.Equal(classSize, HeapSizeClasses.SizeOf(sizeClass));
            Assert.True(_heap.Allocate((nuint)request) != null);
            Assert.Equal(1, _heap.LiveObjects(sizeClass));
        }

        [Fact]
        public void ClassesFillTheirSlabWithLittleWaste()
        {
            for (int sizeClass = 0; sizeClass < HeapSizeClasses.Count; sizeClass++)
            {
                int size = HeapSizeClasses.SizeOf(sizeClass);
                Assert.Equal(0, size % 16);
                int waste = HeapSizeClasses.SlabPayloadSize - HeapSizeClasses.ObjectsPerSlab(sizeClass) * size;
                Assert.True(waste <= 192, $"class {size} wastes {waste} bytes per slab");
                Assert.True(HeapSizeClasses.ObjectsPerSlab(sizeClass) <= 256);
            }
            Assert.Equal(-1, HeapSizeClasses.ForSize(HeapSizeClasses.LargestSmallSize + 1));
        }

        [Fact]
        public void EverySizeMapsToTheSmallestClassThatHoldsIt()
        {
            for (int size = 0; size <= HeapSizeClasses.LargestSmallSize; size++)
            {
                int sizeClass = HeapSizeClasses.ForSize((nuint)size);
                Assert.True(sizeClass >= 0, $"size {size} has no class");
                Assert.True(HeapSizeClasses.SizeOf(sizeClass) >= size, $"size {size} does not fit class {sizeClass}");
                Assert.True(sizeClass == 0 || HeapSizeClasses.SizeOf(sizeClass - 1) < size, $"size {size} fits a smaller class than {sizeClass}");
            }
        }

        [Fact]
        public void ZeroSizeRequestGetsARealBlock()
        {
            Assert.True(_heap.Allocate(0) != null);
            Assert.Equal(1, _heap.LiveObjects(0));
        }

        [Theory]
        [InlineData(2017)]
        [InlineData(4080)]
        [InlineData(4081)]
        [InlineData(65536)]
        [InlineData(1000000)]
        public void LargeBlocksAreWholePagesZeroedAndAligned(int size)
        {
            var block = (byte*)_heap.Allocate((nuint)size);
            Assert.True(block != null);
            Assert.Equal(0UL, (ulong)block % 16);
            Assert.True(IsZero(block, size));
            int pages = (size + 16 + 4095) / 4096;
            Assert.Equal(pages, _ledger.PagesOut);
            Assert.Equal(1, _heap.LargeBlocks);
            Assert.Equal((ulong)size, _heap.LargeBytes);
            new Span<byte>(block, size).Fill(0x77);
            Assert.Equal(HeapFault.None, _heap.Free(block));
            Assert.Equal(pages <= SlabHeap<HostPageSource>.CachedRunMaxPages ? pages : 0, _ledger.PagesOut);
            Assert.Equal(_ledger.PagesOut, _heap.CachedPages);
            _heap.Trim();
            Assert.Equal(0, _ledger.PagesOut);
            Assert.Equal(0, _heap.LargeBlocks);
            Assert.Equal(0UL, _heap.BytesInUse);
            Assert.Empty(_ledger.Errors);
        }

        [Fact]
        public void TooLargeRequestFailsWithoutTakingPages()
        {
            Assert.True(_heap.Allocate((nuint)(SlabHeap<HostPageSource>.MaxAllocationSize + 1)) == null);
            Assert.Equal(0, _ledger.PagesOut);
        }

        [Fact]
        public void FreedBlockIsReusedAndZeroedAgain()
        {
            var block = (byte*)_heap.Allocate(40);
            new Span<byte>(block, 48).Fill(0x5A);
            Assert.Equal(HeapFault.None, _heap.Free(block));
            var again = (byte*)_heap.Allocate(40);
            Assert.True(again == block, "lowest free slot is reused");
            Assert.True(IsZero(again, 48));
            Assert.Equal(1, _ledger.Allocations);
        }

        [Fact]
        public void FullSlabsGrowTheHeapAndFreeingMakesRoomAgain()
        {
            int sizeClass = HeapSizeClasses.ForSize(1000);
            int perSlab = HeapSizeClasses.ObjectsPerSlab(sizeClass);
            var blocks = new ulong[perSlab * 3];
            for (int i = 0; i < blocks.Length; i++)
                blocks[i] = (ulong)_heap.Allocate(1000);
            Assert.Equal(3, _heap.Slabs(sizeClass));
            Assert.Equal(HeapFault.None, _heap.Free((void*)blocks[perSlab + 1]));
            Assert.Equal((ulong)blocks[perSlab + 1], (ulong)_heap.Allocate(1000));
            Assert.Equal(3, _heap.Slabs(sizeClass));
        }

        [Fact]
        public void DoubleFreeIsDetectedAndChangesNothing()
        {
            var block = _heap.Allocate(100);
            var other = _heap.Allocate(100);
            Assert.Equal(HeapFault.None, _heap.Free(block));
            ulong bytes = _heap.BytesInUse;
            Assert.Equal(HeapFault.DoubleFree, _heap.Free(block));
            Assert.Equal(HeapFault.DoubleFree, _heap.LastFault);
            Assert.Equal((ulong)block, _heap.LastFaultAddress.Value);
            Assert.Equal(1UL, _heap.FaultCount);
            Assert.Equal(bytes, _heap.BytesInUse);
            Assert.Equal(1, _heap.LiveObjects(HeapSizeClasses.ForSize(100)));
            Assert.True(_heap.Allocate(100) == block);
            Assert.True(_heap.Allocate(100) != other);
        }

        [Fact]
        public void DoubleFreeOfALargeBlockIsDetected()
        {
            var block = _heap.Allocate(10000);
            Assert.Equal(HeapFault.None, _heap.Free(block));
            Assert.Equal(HeapFault.DoubleFree, _heap.Free(block));
            Assert.Equal(1, _heap.CachedRuns);
            Assert.Equal(HeapFault.DoubleFree, _heap.LastFault);
            Assert.Equal((ulong)block, _heap.LastFaultAddress.Value);
            Assert.Empty(_ledger.Errors);
        }

        [Fact]
        public void DoubleFreeOfALargeBlockGivenBackIsNotABlock()
        {
            var block = _heap.Allocate((nuint)(SlabHeap<HostPageSource>.CachedRunMaxPages * 4096));
            Assert.Equal(HeapFault.None, _heap.Free(block));
            Assert.Equal(0, _heap.CachedRuns);
            Assert.Equal(HeapFault.NotABlock, _heap.Free(block));
            Assert.Empty(_ledger.Errors);
        }

        [Fact]
        public void PointersOutsideTheHeapAreReportedNotFollowed()
        {
            byte onStack = 0;
            Assert.Equal(HeapFault.OutsideHeap, _heap.Free(&onStack));
            Assert.Equal(HeapFault.OutsideHeap, _heap.Free((void*)0x10));
            Assert.Equal(HeapFault.OutsideHeap, _heap.Free((void*)(_ledger.End + 4096)));
            Assert.Equal(3UL, _heap.FaultCount);
            Assert.Equal(HeapFault.None, _heap.Free(null));
            Assert.Equal(3UL, _heap.FaultCount);
        }

        [Fact]
        public void InteriorAndUnusedPointersInsideTheHeapAreNotBlocks()
        {
            var small = (byte*)_heap.Allocate(64);
            var large = (byte*)_heap.Allocate(9000);
            Assert.Equal(HeapFault.NotABlock, _heap.Free(small + 8));
            Assert.Equal(HeapFault.NotABlock, _heap.Free(small - 8));
            Assert.Equal(HeapFault.NotABlock, _heap.Free(large + 16));
            Assert.Equal(HeapFault.NotABlock, _heap.Free(large + 4096));
            Assert.Equal(HeapFault.NotABlock, _heap.Free((void*)(_ledger.End - 4096 + 64)));
            // The slot just past a slab's capacity: the 800 class holds five and leaves 32 bytes at the end.
            var slab = (byte*)((ulong)_heap.Allocate(800) & ~4095UL);
            Assert.Equal(HeapFault.NotABlock, _heap.Free(slab + 64 + 5 * 800));
            Assert.Equal(1, _heap.LiveObjects(HeapSizeClasses.ForSize(64)));
            Assert.Equal(1, _heap.LargeBlocks);
        }

        [Fact]
        public void WriteAfterFreeIsCaughtOnReuse()
        {
            var block = (byte*)_heap.Allocate(32);
            Assert.Equal(HeapFault.None, _heap.Free(block));
            block[5] = 1;
            var again = (byte*)_heap.Allocate(32);
            Assert.True(again == block);
            Assert.Equal(HeapFault.WriteAfterFree, _heap.LastFault);
            Assert.Equal((ulong)block, _heap.LastFaultAddress.Value);
            Assert.True(IsZero(again, 32), "still zeroed for the caller");
        }

        [Fact]
        public void WithoutDebugChecksNothingIsPoisoned()
        {
            var heap = new SlabHeap<HostPageSource>(new HostPageSource(_ledger), debugChecks: false);
            var block = (byte*)heap.Allocate(32);
            Assert.Equal(HeapFault.None, heap.Free(block));
            Assert.Equal(0UL, *(ulong*)block);
            block[5] = 1;
            Assert.True(heap.Allocate(32) == block);
            Assert.Equal(0UL, heap.FaultCount);
            Assert.Equal(HeapFault.None, heap.Free(block));
            Assert.Equal(HeapFault.DoubleFree, heap.Free(block));
        }

        [Fact]
        public void StatisticsFollowAllocationsAndReturnToTheirStart()
        {
            var small = _heap.Allocate(24);
            var medium = _heap.Allocate(300);
            var large = _heap.Allocate(5000);
            Assert.Equal(32UL + 336UL + 5000UL, _heap.BytesInUse);
            Assert.Equal(1, _heap.LiveObjects(HeapSizeClasses.ForSize(24)));
            Assert.Equal(1, _heap.LiveObjects(HeapSizeClasses.ForSize(300)));
            Assert.Equal(2 + 2, _heap.PagesHeld);
            Assert.Equal(_ledger.PagesOut, _heap.PagesHeld);
            ulong peak = _heap.PeakBytesInUse;
            _heap.Free(small);
            _heap.Free(medium);
            _heap.Free(large);
            Assert.Equal(0UL, _heap.BytesInUse);
            Assert.Equal(peak, _heap.PeakBytesInUse);
            Assert.Equal(4, _heap.PeakPagesHeld);
            for (int sizeClass = 0; sizeClass < HeapSizeClasses.Count; sizeClass++)
                Assert.Equal(0, _heap.LiveObjects(sizeClass));
            Assert.Equal(_ledger.PagesOut, _heap.PagesHeld);
        }

        [Fact]
        public void ExhaustionReturnsNullAndLeavesTheHeapUsable()
        {
            _ledger.Limit = 3;
            var large = _heap.Allocate(8000);
            Assert.True(large != null);
            Assert.True(_heap.Allocate(8000) == null, "two pages are not there");
            var small = new ulong[HeapSizeClasses.ObjectsPerSlab(0)];
            for (int i = 0; i < small.Length; i++)
                small[i] = (ulong)_heap.Allocate(16);
            Assert.True(_heap.Allocate(16) == null, "the one remaining page is a full slab");
            Assert.True(_heap.Allocate(100) == null);
            Assert.Equal(0UL, _heap.FaultCount);
            Assert.Equal(HeapFault.None, _heap.Free(large));
            Assert.True(_heap.Allocate(16) != null, "freed pages serve a new slab");
            foreach (ulong block in small)
                Assert.Equal(HeapFault.None, _heap.Free((void*)block));
            Assert.Empty(_ledger.Errors);
        }

        [Fact]
        public void EmptySlabsGoBackToThePageSourceBeyondOnePerClass()
        {
            int sizeClass = HeapSizeClasses.ForSize(200);
            int count = HeapSizeClasses.ObjectsPerSlab(sizeClass) * 10;
            var blocks = new ulong[count];
            for (int i = 0; i < count; i++)
                blocks[i] = (ulong)_heap.Allocate(200);
            Assert.Equal(10, _ledger.PagesOut);
            foreach (ulong block in blocks)
                Assert.Equal(HeapFault.None, _heap.Free((void*)block));
            Assert.Equal(SlabHeap<HostPageSource>.RetainedEmptySlabsPerClass + 9, _ledger.PagesOut);
            Assert.Equal(9, _heap.CachedPages);
            Assert.Equal(9, _heap.CachedRuns);
            Assert.Equal(1, _heap.EmptySlabs(sizeClass));
            _heap.Trim();
            Assert.Equal(0, _ledger.PagesOut);
            Assert.Equal(0, _heap.PagesHeld);
            Assert.Equal(0, _heap.Slabs(sizeClass));
            Assert.Empty(_ledger.Errors);
            Assert.True(_heap.Allocate(200) != null, "the class works after a trim");
        }

        [Fact]
        public void LowestSetBitFindsEveryBit()
        {
            for (int bit = 0; bit < 64; bit++)
            {
                Assert.Equal(bit, BitScan.LowestSetBit(1UL << bit));
                Assert.Equal(bit, BitScan.LowestSetBit(ulong.MaxValue << bit));
            }
        }
    }
}
