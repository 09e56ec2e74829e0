// Host tests of the heap's cache of freed, still-mapped page runs, alone and inside the heap: runs are
// reused by length (same pages, zeroed again), emptied slab pages serve any class, the cache's limits hold
// (too-long runs and runs beyond the page limit go straight back), Trim and a dry page source get the
// memory back, statistics count cached pages as held, and debug checks catch a write into a cached run.
using System;
using System.Runtime.InteropServices;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Heap;
using Xunit;

namespace MinimalOS.Tests.Host.Memory.Heap
{
    public unsafe class PageRunCacheTests : IDisposable
    {
        private const int LedgerPages = 4096;

        private readonly HostPageLedger _ledger = new HostPageLedger(LedgerPages);
        private SlabHeap<HostPageSource> _heap;

        public PageRunCacheTests() => _heap = new SlabHeap<HostPageSource>(new HostPageSource(_ledger), debugChecks: true);

        public void Dispose() => _ledger.Dispose();

        [Fact]
        public void RunsComeBackLastInFirstOutByExactLength()
        {
            byte* pages = (byte*)NativeMemory.AlignedAlloc(5 * 4096, 4096);
            try
            {
                var cache = new PageRunCache();
                Assert.True(cache.TryAdd(pages, 2));
                Assert.True(cache.TryAdd(pages + 2 * 4096, 2));
                Assert.True(cache.TryAdd(pages + 4 * 4096, 1));
                Assert.Equal(3, cache.Runs);
                Assert.Equal(5, cache.Pages);
                Assert.True(cache.TryTake(3) == null, "no run of three pages");
                Assert.True(cache.TryTake(2) == pages + 2 * 4096);
                Assert.Equal(0UL, *(ulong*)(pages + 2 * 4096));
                Assert.True(cache.TakeLongest(out int longest) == pages);
                Assert.Equal(2, longest);
                Assert.True(cache.TakeLongest(out int last) == pages + 4 * 4096);
                Assert.Equal(1, last);
                Assert.True(cache.TakeLongest(out _) == null);
                Assert.Equal(0, cache.Pages);
                Assert.Equal(0, cache.Runs);
            }
            finally
            {
                NativeMemory.AlignedFree(pages);
            }
        }

        [Fact]
        public void TheCacheRefusesTooLongRunsAndRunsBeyondItsLimit()
        {
            byte* pages = (byte*)NativeMemory.AlignedAlloc(4096, 4096);
            try
            {
                var cache = new PageRunCache();
                Assert.False(cache.TryAdd(pages, PageRunCache.MaxRunPages + 1));
                Assert.False(cache.TryAdd(pages, 0));
                int added = 0;
                while (cache.TryAdd(pages, PageRunCache.MaxRunPages))
                    added++;
                Assert.Equal(PageRunCache.PageLimit / PageRunCache.MaxRunPages, added);
                Assert.Equal(PageRunCache.PageLimit, cache.Pages);
                Assert.False(cache.TryAdd(pages, 1), "full");
            }
            finally
            {
                NativeMemory.AlignedFree(pages);
            }
        }

        [Fact]
        public void AFreedLargeBlockIsReusedMappedAndZeroedWithoutThePageSource()
        {
            var block = (byte*)_heap.Allocate(64 * 1024);
            new Span<byte>(block, 64 * 1024).Fill(0x5A);
            int allocations = _ledger.Allocations;
            Assert.Equal(HeapFault.None, _heap.Free(block));
            Assert.Equal(0, _ledger.Frees);
            Assert.Equal(1, _heap.CachedRuns);
            Assert.Equal(17, _heap.CachedPages);
            Assert.Equal(17, _heap.PagesHeld);
            Assert.Equal(0, _heap.LargeBlocks);
            Assert.Equal(0UL, _heap.BytesInUse);

            var again = (byte*)_heap.Allocate(64 * 1024 - 8);
            Assert.True(again == block, "the cached run of the same length");
            Assert.Equal(allocations, _ledger.Allocations);
            for (int i = 0; i < 64 * 1024 - 8; i++)
                Assert.True(again[i] == 0, $"not zeroed at {i}");
            Assert.Equal(0, _heap.CachedRuns);
            Assert.Equal(1, _heap.LargeBlocks);
            Assert.Equal(0UL, _heap.FaultCount);
        }

        [Fact]
        public void ARunOfAnotherLengthIsNotTakenFromTheCache()
        {
            var block = _heap.Allocate(3 * 4096);
            Assert.Equal(HeapFault.None, _heap.Free(block));
            var other = _heap.Allocate(5 * 4096);
            Assert.True(other != block);
            Assert.Equal(1, _heap.CachedRuns);
            Assert.Equal(_ledger.PagesOut, _heap.PagesHeld);
        }

        [Fact]
        public void AnEmptiedSlabPageServesAnotherClass()
        {
            int sizeClass = HeapSizeClasses.ForSize(1000);
            int perSlab = HeapSizeClasses.ObjectsPerSlab(sizeClass);
            var blocks = new ulong[perSlab * 2];
            for (int i = 0; i < blocks.Length; i++)
                blocks[i] = (ulong)_heap.Allocate(1000);
            foreach (ulong block in blocks)
                Assert.Equal(HeapFault.None, _heap.Free((void*)block));
            Assert.Equal(1, _heap.CachedRuns);
            int pagesOut = _ledger.PagesOut;
            var small = (byte*)_heap.Allocate(16);
            Assert.Equal(0, _heap.CachedRuns);
            Assert.Equal(pagesOut, _ledger.PagesOut);
            ulong page = (ulong)small & ~4095UL;
            Assert.Contains(page, Array.ConvertAll(blocks, b => b & ~4095UL));
            Assert.Equal(0UL, _heap.FaultCount);
        }

        [Fact]
        public void RunsBeyondTheLimitGoBackAndTrimReturnsTheRest()
        {
            int runPages = SlabHeap<HostPageSource>.CachedRunMaxPages;
            int kept = SlabHeap<HostPageSource>.CachedPageLimit / runPages;
            var blocks = new ulong[kept + 3];
            for (int i = 0; i < blocks.Length; i++)
                blocks[i] = (ulong)_heap.Allocate((nuint)(runPages * 4096 - 16));
            Assert.Equal(blocks.Length * runPages, _ledger.PagesOut);
            foreach (ulong block in blocks)
                Assert.Equal(HeapFault.None, _heap.Free((void*)block));
            Assert.Equal(3, _ledger.Frees);
            Assert.Equal(kept, _heap.CachedRuns);
            Assert.Equal(SlabHeap<HostPageSource>.CachedPageLimit, _heap.CachedPages);
            Assert.Equal(_ledger.PagesOut, _heap.PagesHeld);
            _heap.Trim();
            Assert.Equal(0, _ledger.PagesOut);
            Assert.Equal(0, _heap.PagesHeld);
            Assert.Equal(0, _heap.CachedRuns);
            Assert.Empty(_ledger.Errors);
        }

        [Fact]
        public void ADryPageSourceGetsTheCachedRunsBackBeforeTheHeapGivesUp()
        {
            _ledger.Limit = 10;
            var first = _heap.Allocate(3 * 4096);
            var second = _heap.Allocate(3 * 4096);
            Assert.Equal(HeapFault.None, _heap.Free(first));
            Assert.Equal(HeapFault.None, _heap.Free(second));
            Assert.Equal(8, _ledger.PagesOut);
            var big = _heap.Allocate(9 * 4096 - 16);
            Assert.True(big != null, "the cached runs went back and made room");
            Assert.Equal(0, _heap.CachedRuns);
            Assert.Equal(9, _ledger.PagesOut);
            Assert.Equal(_ledger.PagesOut, _heap.PagesHeld);
            Assert.True(_heap.Allocate(2 * 4096) == null, "nothing left to give back");
            Assert.Empty(_ledger.Errors);
        }

        [Fact]
        public void AWriteIntoACachedRunIsCaughtOnReuse()
        {
            var block = (byte*)_heap.Allocate(20000);
            Assert.Equal(HeapFault.None, _heap.Free(block));
            block[12345] = 1;
            var again = (byte*)_heap.Allocate(20000);
            Assert.True(again == block);
            Assert.Equal(HeapFault.WriteAfterFree, _heap.LastFault);
            Assert.Equal((ulong)block, _heap.LastFaultAddress.Value);
            Assert.Equal(0, again[12345]);
        }

        [Fact]
        public void WithoutDebugChecksCachedRunsAreNotPoisoned()
        {
            var heap = new SlabHeap<HostPageSource>(new HostPageSource(_ledger), debugChecks: false);
            var block = (byte*)heap.Allocate(20000);
            new Span<byte>(block, 20000).Fill(0x11);
            Assert.Equal(HeapFault.None, heap.Free(block));
            Assert.Equal(0x11, block[12345]);
            block[12345] = 1;
            Assert.True(heap.Allocate(20000) == block);
            Assert.Equal(0UL, heap.FaultCount);
        }
    }
}
