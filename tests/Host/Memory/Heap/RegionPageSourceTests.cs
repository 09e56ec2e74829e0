// Host tests of the page source the kernel heap uses today: pages carved from one fixed region, first-fit
// runs, reuse after free, exhaustion, rejection of frees it did not hand out, and the heap running on it.
using System.Runtime.InteropServices;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Heap;
using Xunit;

namespace MinimalOS.Tests.Host.Memory.Heap
{
    public unsafe class RegionPageSourceTests
    {
        [Fact]
        public void UnalignedRegionKeepsOnlyWholePagesAfterItsBitmap()
        {
            byte* buffer = (byte*)NativeMemory.AlignedAlloc(64 * 4096, 4096);
            try
            {
                var source = new RegionPageSource(buffer + 100, 64 * 4096 - 100);
                // 63 whole pages after aligning up, one of them for the bitmap.
                Assert.Equal(62, source.PageCount);
                Assert.False(source.Contains(VirtualAddress.Of(buffer + 4096)), "bookkeeping page is not handed out");
                Assert.True(source.Contains(VirtualAddress.Of(buffer + 2 * 4096)));
                Assert.True(source.TryAllocatePages(62, out VirtualAddress all));
                Assert.Equal((ulong)buffer + 2 * 4096, all.Value);
                Assert.False(source.TryAllocatePages(1, out _));
            }
            finally
            {
                NativeMemory.AlignedFree(buffer);
            }
        }

        [Fact]
        public void RunsAreFirstFitAndReusedAfterFree()
        {
            byte* buffer = (byte*)NativeMemory.AlignedAlloc(200 * 4096, 4096);
            try
            {
                var source = new RegionPageSource(buffer, 200 * 4096);
                Assert.True(source.TryAllocatePages(1, out VirtualAddress a));
                Assert.True(source.TryAllocatePages(3, out VirtualAddress b));
                Assert.True(source.TryAllocatePages(100, out VirtualAddress c));
                Assert.Equal(a.Value + 4096, b.Value);
                Assert.Equal(b.Value + 3 * 4096, c.Value);
                Assert.Equal(104, source.PagesInUse);
                source.FreePages(b, 3);
                Assert.True(source.TryAllocatePages(2, out VirtualAddress d));
                Assert.Equal(b.Value, d.Value);
                Assert.True(source.TryAllocatePages(2, out VirtualAddress e));
                Assert.Equal(c.Value + 100 * 4096, e.Value);
                Assert.Equal(0, source.InvalidFrees);
                Assert.False(source.TryAllocatePages(source.PageCount, out _));
            }
            finally
            {
                NativeMemory.AlignedFree(buffer);
            }
        }

        [Fact]
        public void FreesItDidNotHandOutAreCountedAndIgnored()
        {
            byte* buffer = (byte*)NativeMemory.AlignedAlloc(16 * 4096, 4096);
            try
            {
                var source = new RegionPageSource(buffer, 16 * 4096);
                Assert.True(source.TryAllocatePages(2, out VirtualAddress run));
                source.FreePages(new VirtualAddress(run.Value + 4 * 4096), 1);
                source.FreePages(new VirtualAddress(run.Value + 1), 1);
                source.FreePages(new VirtualAddress((ulong)buffer), 1);
                source.FreePages(run, 3);
                Assert.Equal(4, source.InvalidFrees);
                Assert.Equal(2, source.PagesInUse);
                source.FreePages(run, 2);
                Assert.Equal(0, source.PagesInUse);
            }
            finally
            {
                NativeMemory.AlignedFree(buffer);
            }
        }

        [Fact]
        public void TooSmallRegionHandsOutNothing()
        {
            byte* buffer = (byte*)NativeMemory.AlignedAlloc(4096, 4096);
            try
            {
                var source = new RegionPageSource(buffer, 4096);
                Assert.Equal(0, source.PageCount);
                Assert.False(source.TryAllocatePages(1, out _));
                Assert.False(source.Contains(VirtualAddress.Of(buffer)));
            }
            finally
            {
                NativeMemory.AlignedFree(buffer);
            }
        }

        [Fact]
        public void HeapRunsOnARegionAndGivesItsPagesBack()
        {
            byte* buffer = (byte*)NativeMemory.AlignedAlloc(256 * 4096, 4096);
            try
            {
                var source = new RegionPageSource(buffer, 256 * 4096);
                var heap = new SlabHeap<RegionPageSource>(source, debugChecks: true);
                var blocks = new ulong[500];
                for (int i = 0; i < blocks.Length; i++)
                    blocks[i] = (ulong)heap.Allocate((nuint)(i % 7 == 0 ? 5000 : 8 + i % 300));
                Assert.Equal(heap.PagesHeld, source.PagesInUse);
                foreach (ulong block in blocks)
                    Assert.Equal(HeapFault.None, heap.Free((void*)block));
                heap.Trim();
                Assert.Equal(0, source.PagesInUse);
                Assert.Equal(0, source.InvalidFrees);
            }
            finally
            {
                NativeMemory.AlignedFree(buffer);
            }
        }
    }
}
