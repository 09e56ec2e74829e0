// Host tests of the kernel heap's two-tier page source: the boot region alone, then a growth tier that
// serves new pages first while the region stays a reserve, and every run going back to the tier it came
// from. The growth tier is a host page ledger reached through static functions, as the kernel reaches
// its frame tier.
using System.Runtime.InteropServices;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Heap;
using Xunit;

namespace MinimalOS.Tests.Host.Memory.Heap
{
    // The growth tier is static state: these tests must not run in parallel with each other.
    [Collection("KernelPageSource")]
    public unsafe class KernelPageSourceTests
    {
        private static HostPageLedger s_growth;

        private static bool GrowthAllocate(int count, out VirtualAddress start) => s_growth.TryAllocate(count, out start);
        private static void GrowthFree(VirtualAddress start, int count) => s_growth.Free(start, count);
        private static bool GrowthContains(VirtualAddress address) => address.Value >= s_growth.Start && address.Value < s_growth.End;

        [Fact]
        public void RegionServesUntilGrowthIsAttachedThenGrowthServesFirst()
        {
            byte* region = (byte*)NativeMemory.AlignedAlloc(32 * 4096, 4096);
            using var growth = new HostPageLedger(64);
            s_growth = growth;
            try
            {
                var pages = new KernelPageSource(new RegionPageSource(region, 32 * 4096));
                var heap = new SlabHeap<KernelPageSource>(pages, debugChecks: true);
                var early = heap.Allocate(5000);
                ref KernelPageSource source = ref SlabHeap<KernelPageSource>.PageSourceOf(ref heap);
                Assert.Equal(2, source.RegionPagesInUse);
                Assert.False(source.HasGrowthTier);

                Assert.True(source.AttachGrowth(&GrowthAllocate, &GrowthFree, &GrowthContains));
                Assert.False(source.AttachGrowth(&GrowthAllocate, &GrowthFree, &GrowthContains), "a second tier is refused");
                var late = heap.Allocate(5000);
                Assert.Equal(2, growth.PagesOut);
                Assert.Equal(2, source.RegionPagesInUse);

                growth.Limit = 2;
                var reserve = heap.Allocate(5000);
                Assert.True(reserve != null, "the region is the reserve when growth runs dry");
                Assert.Equal(4, source.RegionPagesInUse);

                Assert.Equal(HeapFault.None, heap.Free(early));
                Assert.Equal(HeapFault.None, heap.Free(late));
                Assert.Equal(HeapFault.None, heap.Free(reserve));
                Assert.Equal(3, heap.CachedRuns);
                heap.Trim();
                Assert.Equal(0, source.RegionPagesInUse);
                Assert.Equal(0, growth.PagesOut);
                Assert.Empty(growth.Errors);
                Assert.Equal(HeapFault.OutsideHeap, heap.Free((void*)(growth.End + 4096 * 10)));
            }
            finally
            {
                s_growth = null;
                NativeMemory.AlignedFree(region);
            }
        }

        [Fact]
        public void IncompleteGrowthTierIsRefused()
        {
            byte* region = (byte*)NativeMemory.AlignedAlloc(8 * 4096, 4096);
            try
            {
                var source = new KernelPageSource(new RegionPageSource(region, 8 * 4096));
                Assert.False(source.AttachGrowth(&GrowthAllocate, null, &GrowthContains));
                Assert.False(source.HasGrowthTier);
                Assert.True(source.TryAllocatePages(1, out VirtualAddress page));
                Assert.True(source.Contains(page));
            }
            finally
            {
                NativeMemory.AlignedFree(region);
            }
        }
    }
}
