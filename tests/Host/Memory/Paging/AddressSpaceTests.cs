// Host tests of AddressSpace on page tables held in host memory: map/translate/unmap round trips, the
// choice of 2 MiB pages, protect (including splitting a 2 MiB page), freeing of emptied tables, every
// error result, TLB invalidations, and random map/unmap sequences checked against a dictionary model.
using System;
using System.Collections.Generic;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Paging;
using Xunit;

namespace MinimalOS.Tests.Host.Memory.Paging
{
    public sealed class AddressSpaceTests : IDisposable
    {
        private const ulong Mega = 1024 * 1024;
        private const ulong UserBase = 0x0000_1234_0000_0000;
        private const ulong KernelBase = 0xFFFF_C000_0000_0000;
        private const PageFlags ReadWrite = PageFlags.Writable | PageFlags.NoExecute;

        private readonly HostPhysicalMemory _memory = new HostPhysicalMemory(2048);
        private readonly RecordingTlb _tlb = new RecordingTlb();
        private readonly AddressSpace _space;

        public AddressSpaceTests()
        {
            Assert.Equal(PagingResult.Success, AddressSpace.TryCreate(_memory.DirectMap, _memory, _tlb, noExecuteSupported: true, out _space));
        }

        public void Dispose() => _memory.Dispose();

        private static VirtualAddress V(ulong value) => new VirtualAddress(value);

        private static PhysicalAddress P(ulong value) => new PhysicalAddress(value);

        private PageMapping Translated(ulong virt)
        {
            Assert.Equal(PagingResult.Success, _space.Translate(V(virt), out PageMapping mapping));
            return mapping;
        }

        [Fact]
        public void MapTranslateUnmapRoundTrip()
        {
            int start = _memory.AllocatedFrames;
            Assert.Equal(PagingResult.Success, _space.Map(V(UserBase), P(0x5000), 3 * PageSize.Small, ReadWrite | PageFlags.User));
            PageMapping mapping = Translated(UserBase + PageSize.Small + 0x123);
            Assert.Equal(0x6123UL, mapping.Physical.Value);
            Assert.Equal(PageSize.Small, mapping.PageSize);
            Assert.True(mapping.IsWritable);
            Assert.False(mapping.IsExecutable);
            Assert.True((mapping.Flags & PageFlags.User) != 0);
            Assert.Equal(start + 3, _memory.AllocatedFrames);
            Assert.Equal(PagingResult.Success, _space.Unmap(V(UserBase), 3 * PageSize.Small));
            Assert.Equal(PagingResult.NotMapped, _space.Translate(V(UserBase + PageSize.Small), out _));
            Assert.Equal(start, _memory.AllocatedFrames);
        }

        [Fact]
        public void AlignedRangesGetLargePagesAndTheRestSmallOnes()
        {
            // Virtual and physical both 2 MiB-aligned: 2 MiB pages, then 4 KiB pages for the tail.
            Assert.Equal(PagingResult.Success, _space.Map(V(UserBase), P(4 * Mega), 4 * Mega + 8 * PageSize.Small, ReadWrite));
            Assert.Equal(PageSize.Large, Translated(UserBase).PageSize);
            Assert.Equal(PageSize.Large, Translated(UserBase + 3 * Mega).PageSize);
            Assert.Equal(7 * Mega + 0x42UL, Translated(UserBase + 3 * Mega + 0x42).Physical.Value);
            Assert.Equal(PageSize.Small, Translated(UserBase + 4 * Mega).PageSize);
            Assert.True((Translated(UserBase).Flags & PageFlags.Huge) != 0);
        }

        [Fact]
        public void MisalignedPhysicalAddressGetsSmallPages()
        {
            Assert.Equal(PagingResult.Success, _space.Map(V(UserBase), P(4 * Mega + PageSize.Small), 2 * Mega, ReadWrite));
            Assert.Equal(PageSize.Small, Translated(UserBase).PageSize);
            Assert.Equal(PageSize.Small, Translated(UserBase + 2 * Mega - PageSize.Small).PageSize);
            Assert.Equal(6 * Mega, Translated(UserBase + 2 * Mega - PageSize.Small).Physical.Value);
        }

        [Fact]
        public void TooShortRangeGetsSmallPagesEvenWhenAligned()
        {
            Assert.Equal(PagingResult.Success, _space.Map(V(UserBase), P(4 * Mega), 2 * Mega - PageSize.Small, ReadWrite));
            Assert.Equal(PageSize.Small, Translated(UserBase).PageSize);
        }

        [Fact]
        public void ProtectSplitsALargePageAndKeepsTheRestAsItWas()
        {
            Assert.Equal(PagingResult.Success, _space.Map(V(UserBase), P(4 * Mega), 2 * Mega, ReadWrite));
            int frames = _memory.AllocatedFrames;
            _tlb.Invalidated.Clear();
            Assert.Equal(PagingResult.Success, _space.Protect(V(UserBase + 16 * PageSize.Small), 2 * PageSize.Small, PageFlags.None));
            Assert.Equal(frames + 1, _memory.AllocatedFrames);
            PageMapping changed = Translated(UserBase + 17 * PageSize.Small + 5);
            Assert.Equal(PageSize.Small, changed.PageSize);
            Assert.False(changed.IsWritable);
            Assert.True(changed.IsExecutable);
            Assert.Equal(4 * Mega + 17 * PageSize.Small + 5, changed.Physical.Value);
            PageMapping untouched = Translated(UserBase + 18 * PageSize.Small);
            Assert.True(untouched.IsWritable);
            Assert.False(untouched.IsExecutable);
            Assert.Equal(4 * Mega + 18 * PageSize.Small, untouched.Physical.Value);
            Assert.Contains(UserBase, _tlb.Invalidated);
            Assert.Contains(UserBase + 16 * PageSize.Small, _tlb.Invalidated);
            Assert.Contains(UserBase + 17 * PageSize.Small, _tlb.Invalidated);
        }

        [Fact]
        public void ProtectOfAWholeLargePageKeepsItLarge()
        {
            Assert.Equal(PagingResult.Success, _space.Map(V(UserBase), P(4 * Mega), 2 * Mega, ReadWrite));
            Assert.Equal(PagingResult.Success, _space.Protect(V(UserBase), 2 * Mega, PageFlags.None));
            PageMapping mapping = Translated(UserBase + 0x1000);
            Assert.Equal(PageSize.Large, mapping.PageSize);
            Assert.False(mapping.IsWritable);
            Assert.Equal(new[] { UserBase }, _tlb.Invalidated);
        }

        [Fact]
        public void UnmapOfSeveralPagesInvalidatesThemInOneCall()
        {
            // Two pages in the middle of a table that stays in use: no table frame is freed in between.
            Assert.Equal(PagingResult.Success, _space.Map(V(UserBase), P(0x40000), 8 * PageSize.Small, ReadWrite));
            _tlb.Invalidated.Clear();
            int callsBefore = _tlb.Calls;
            Assert.Equal(PagingResult.Success, _space.Unmap(V(UserBase + 2 * PageSize.Small), 5 * PageSize.Small));
            Assert.Equal(callsBefore + 1, _tlb.Calls);
            Assert.Equal(5, _tlb.Invalidated.Count);
            for (int i = 2; i < 7; i++)
                Assert.Contains(UserBase + (ulong)i * PageSize.Small, _tlb.Invalidated);
        }

        [Fact]
        public void UnmapOfPartOfALargePageSplitsIt()
        {
            Assert.Equal(PagingResult.Success, _space.Map(V(UserBase), P(4 * Mega), 2 * Mega, ReadWrite));
            Assert.Equal(PagingResult.Success, _space.Unmap(V(UserBase + 2 * Mega - PageSize.Small), PageSize.Small));
            Assert.Equal(PagingResult.NotMapped, _space.Translate(V(UserBase + 2 * Mega - PageSize.Small), out _));
            Assert.Equal(6 * Mega - 2 * PageSize.Small, Translated(UserBase + 2 * Mega - 2 * PageSize.Small).Physical.Value);
            Assert.Contains(UserBase + 2 * Mega - PageSize.Small, _tlb.Invalidated);
        }

        [Fact]
        public void UnmapReturnsEveryTableFrame()
        {
            int start = _memory.AllocatedFrames;
            Assert.Equal(PagingResult.Success, _space.Map(V(UserBase + 2 * Mega - 4 * PageSize.Small), P(0x10000), 6 * Mega, ReadWrite));
            Assert.Equal(PagingResult.Success, _space.Map(V(0x7FFF_FFFF_F000), P(0x20000), PageSize.Small, ReadWrite));
            Assert.True(_memory.AllocatedFrames > start + 4);
            Assert.Equal(PagingResult.Success, _space.Unmap(V(UserBase + 2 * Mega - 4 * PageSize.Small), 6 * Mega));
            Assert.Equal(PagingResult.Success, _space.Unmap(V(0x7FFF_FFFF_F000), PageSize.Small));
            Assert.Equal(start, _memory.AllocatedFrames);
        }

        [Fact]
        public void KernelHalfTablesArePreallocatedAndNeverFreed()
        {
            Assert.Equal(PagingResult.Success, _space.PreallocateKernelHalf());
            int afterPreallocation = _memory.AllocatedFrames;
            Assert.Equal(1 + 256, afterPreallocation);
            Assert.Equal(PagingResult.Success, _space.Map(V(KernelBase), P(0x1000), PageSize.Small, ReadWrite));
            Assert.Equal(afterPreallocation + 2, _memory.AllocatedFrames);
            Assert.Equal(PagingResult.Success, _space.Unmap(V(KernelBase), PageSize.Small));
            Assert.Equal(afterPreallocation, _memory.AllocatedFrames);
        }

        [Fact]
        public void LargeUnmapFlushesEverythingOnce()
        {
            Assert.Equal(PagingResult.Success, _space.Map(V(UserBase), P(0x1000), 64 * PageSize.Small, ReadWrite));
            Assert.Equal(PagingResult.Success, _space.Unmap(V(UserBase), 64 * PageSize.Small));
            Assert.Equal(1, _tlb.FullFlushes);
        }

        [Fact]
        public void NoExecuteIsDroppedWhenTheCpuLacksIt()
        {
            Assert.Equal(PagingResult.Success, AddressSpace.TryCreate(_memory.DirectMap, _memory, _tlb, noExecuteSupported: false, out AddressSpace old));
            Assert.Equal(PagingResult.Success, old.Map(V(UserBase), P(0x1000), PageSize.Small, ReadWrite));
            Assert.Equal(PagingResult.Success, old.Translate(V(UserBase), out PageMapping mapping));
            Assert.True(mapping.IsExecutable);
        }

        [Fact]
        public void EffectivePermissionsCombineEveryLevel()
        {
            Assert.Equal(PagingResult.Success, _space.Map(V(UserBase), P(0x1000), PageSize.Small, PageFlags.Writable));
            Assert.Equal(PagingResult.Success, _space.Map(V(UserBase + PageSize.Small), P(0x2000), PageSize.Small, PageFlags.User));
            Assert.True((Translated(UserBase).Flags & PageFlags.User) == 0);
            Assert.True((Translated(UserBase + PageSize.Small).Flags & PageFlags.User) != 0);
            Assert.True(Translated(UserBase).IsWritable);
        }

        [Fact]
        public unsafe void OneGiBPagesAreTranslatedButNeverCut()
        {
            // Build a 1 GiB page by hand, as a loader might: map one page to get a PDPT, then replace the
            // PDPT entry (and the PD behind it, now unreachable) with a huge entry.
            const ulong Giga = 1UL << 30;
            Assert.Equal(PagingResult.Success, _space.Map(V(UserBase), P(0x1000), PageSize.Small, ReadWrite));
            ulong* pml4 = (ulong*)_memory.DirectMap.ToPointer(_space.Root);
            var pml4Entry = new PageTableEntry(pml4[(UserBase >> 39) & 511]);
            ulong* pdpt = (ulong*)_memory.DirectMap.ToPointer(pml4Entry.Frame);
            pdpt[(UserBase >> 30) & 511] = new PageTableEntry(P(3 * Giga), PageFlags.Present | PageFlags.Huge).Raw;
            PageMapping mapping = Translated(UserBase + 0x1234_5678);
            Assert.Equal(3 * Giga + 0x1234_5678, mapping.Physical.Value);
            Assert.Equal(PageSize.Huge, mapping.PageSize);
            Assert.False(mapping.IsWritable);
            Assert.Equal(PagingResult.Unaligned, _space.Unmap(V(UserBase), PageSize.Small));
            Assert.Equal(PagingResult.Unaligned, _space.Protect(V(UserBase + Giga - PageSize.Small), PageSize.Small, ReadWrite));
            Assert.Equal(PagingResult.Success, _space.Protect(V(UserBase), Giga, ReadWrite));
            Assert.True(Translated(UserBase).IsWritable);
            Assert.Equal(PagingResult.Success, _space.Unmap(V(UserBase), Giga));
            Assert.Equal(PagingResult.NotMapped, _space.Translate(V(UserBase), out _));
        }

        [Fact]
        public void ProtectCanGrantUserAccessThroughEveryLevel()
        {
            Assert.Equal(PagingResult.Success, _space.Map(V(UserBase), P(0x1000), PageSize.Small, ReadWrite));
            Assert.True((Translated(UserBase).Flags & PageFlags.User) == 0);
            Assert.Equal(PagingResult.Success, _space.Protect(V(UserBase), PageSize.Small, ReadWrite | PageFlags.User));
            Assert.True((Translated(UserBase).Flags & PageFlags.User) != 0);
            Assert.Equal(new[] { UserBase }, _tlb.Invalidated);
        }

        [Theory]
        [InlineData(0x0000_8000_0000_0000UL)]
        [InlineData(0xFFFF_7FFF_FFFF_F000UL)]
        [InlineData(0x1234_0000_0000_0000UL)]
        public void NonCanonicalAddressesAreRefused(ulong address)
        {
            Assert.Equal(PagingResult.NonCanonicalAddress, _space.Map(V(address), P(0x1000), PageSize.Small, ReadWrite));
            Assert.Equal(PagingResult.NonCanonicalAddress, _space.Unmap(V(address), PageSize.Small));
            Assert.Equal(PagingResult.NonCanonicalAddress, _space.Protect(V(address), PageSize.Small, ReadWrite));
            Assert.Equal(PagingResult.NonCanonicalAddress, _space.Translate(V(address), out _));
        }

        [Fact]
        public void UnalignedInputIsRefused()
        {
            Assert.Equal(PagingResult.Unaligned, _space.Map(V(UserBase + 1), P(0x1000), PageSize.Small, ReadWrite));
            Assert.Equal(PagingResult.Unaligned, _space.Map(V(UserBase), P(0x1001), PageSize.Small, ReadWrite));
            Assert.Equal(PagingResult.Unaligned, _space.Map(V(UserBase), P(0x1000), 100, ReadWrite));
            Assert.Equal(PagingResult.Unaligned, _space.Map(V(UserBase), P(0x1000), 0, ReadWrite));
            Assert.Equal(PagingResult.Unaligned, _space.Unmap(V(UserBase + 8), PageSize.Small));
            Assert.Equal(PagingResult.Unaligned, _space.Protect(V(UserBase), 5, ReadWrite));
            Assert.Equal(1, _memory.AllocatedFrames);
        }

        [Fact]
        public void WrappingRangesAreRefused()
        {
            Assert.Equal(PagingResult.RangeWraps, _space.Map(V(0xFFFF_FFFF_FFFF_F000), P(0x1000), 2 * PageSize.Small, ReadWrite));
            Assert.Equal(PagingResult.RangeWraps, _space.Map(V(0x7FFF_FFFF_F000), P(0x1000), 2 * PageSize.Small, ReadWrite));
            Assert.Equal(PagingResult.RangeWraps, _space.Map(V(UserBase), P(0x000F_FFFF_FFFF_F000), 2 * PageSize.Small, ReadWrite));
            Assert.Equal(PagingResult.RangeWraps, _space.Unmap(V(0xFFFF_FFFF_FFFF_F000), 2 * PageSize.Small));
            Assert.Equal(1, _memory.AllocatedFrames);
        }

        [Fact]
        public void TheLastPageOfTheAddressSpaceCanBeMapped()
        {
            Assert.Equal(PagingResult.Success, _space.Map(V(0xFFFF_FFFF_FFFF_F000), P(0x1000), PageSize.Small, ReadWrite));
            Assert.Equal(0x1FFFUL, Translated(0xFFFF_FFFF_FFFF_FFFF).Physical.Value);
            Assert.Equal(PagingResult.Success, _space.Unmap(V(0xFFFF_FFFF_FFFF_F000), PageSize.Small));
            // The PML4 and the kernel-half PDPT stay: kernel-half PDPTs are shared and never freed.
            Assert.Equal(2, _memory.AllocatedFrames);
        }

        [Fact]
        public void MappingOverAMappingChangesNothing()
        {
            Assert.Equal(PagingResult.Success, _space.Map(V(UserBase + 4 * PageSize.Small), P(0x1000), PageSize.Small, ReadWrite));
            int frames = _memory.AllocatedFrames;
            Assert.Equal(PagingResult.AlreadyMapped, _space.Map(V(UserBase), P(0x9000), 8 * PageSize.Small, ReadWrite));
            Assert.Equal(frames, _memory.AllocatedFrames);
            Assert.Equal(PagingResult.NotMapped, _space.Translate(V(UserBase), out _));
            Assert.Equal(0x1000UL, Translated(UserBase + 4 * PageSize.Small).Physical.Value);
        }

        [Fact]
        public void UnmapOrProtectWithAHoleChangesNothing()
        {
            Assert.Equal(PagingResult.Success, _space.Map(V(UserBase), P(0x1000), PageSize.Small, ReadWrite));
            Assert.Equal(PagingResult.NotMapped, _space.Unmap(V(UserBase), 2 * PageSize.Small));
            Assert.Equal(PagingResult.NotMapped, _space.Protect(V(UserBase), 2 * PageSize.Small, PageFlags.None));
            Assert.True(Translated(UserBase).IsWritable);
            Assert.Equal(PagingResult.NotMapped, _space.Translate(V(0xFFFF_8000_0000_0000), out _));
            Assert.Empty(_tlb.Invalidated);
        }

        [Fact]
        public void OutOfFramesLeavesNoTrace()
        {
            int start = _memory.AllocatedFrames;
            _memory.AllocationsLeft = 2;
            Assert.Equal(PagingResult.OutOfFrames, _space.Map(V(UserBase), P(0x1000), PageSize.Small, ReadWrite));
            Assert.Equal(start, _memory.AllocatedFrames);
            _memory.AllocationsLeft = 3;
            Assert.Equal(PagingResult.OutOfFrames, _space.Map(V(UserBase + 2 * Mega - PageSize.Small), P(0x1000), 2 * PageSize.Small, ReadWrite));
            Assert.Equal(start, _memory.AllocatedFrames);
            Assert.Equal(PagingResult.NotMapped, _space.Translate(V(UserBase + 2 * Mega - PageSize.Small), out _));
            _memory.AllocationsLeft = int.MaxValue;
            Assert.Equal(PagingResult.Success, _space.Map(V(UserBase), P(4 * Mega), 2 * Mega, ReadWrite));
            _memory.AllocationsLeft = 0;
            Assert.Equal(PagingResult.OutOfFrames, _space.Protect(V(UserBase), PageSize.Small, PageFlags.None));
            Assert.Equal(PageSize.Large, Translated(UserBase).PageSize);
            Assert.True(Translated(UserBase).IsWritable);
        }

        [Fact]
        public void RandomMapAndUnmapAgreeWithAModel()
        {
            var random = new Random(1234);
            var model = new Dictionary<ulong, ulong>();
            int start = _memory.AllocatedFrames;
            const int Pages = 3 * 512;
            ulong region = UserBase + Mega;
            for (int step = 0; step < 600; step++)
            {
                ulong first = (ulong)random.Next(Pages);
                ulong count = (ulong)random.Next(1, 24);
                if (random.Next(8) == 0)
                    count = 512 + (ulong)random.Next(64);
                if (first + count > Pages)
                    count = Pages - first;
                ulong virt = region + first * PageSize.Small;
                ulong size = count * PageSize.Small;
                bool anyMapped = false, allMapped = true;
                for (ulong i = 0; i < count; i++)
                {
                    bool mapped = model.ContainsKey(first + i);
                    anyMapped |= mapped;
                    allMapped &= mapped;
                }
                if (random.Next(2) == 0)
                {
                    ulong phys = (ulong)random.Next(1, 1 << 20) * PageSize.Small;
                    if (random.Next(3) == 0)
                        phys = PageSize.AlignDown(phys, PageSize.Large) + (virt & (PageSize.Large - 1));
                    PagingResult result = _space.Map(V(virt), P(phys), size, ReadWrite);
                    Assert.Equal(anyMapped ? PagingResult.AlreadyMapped : PagingResult.Success, result);
                    if (result == PagingResult.Success)
                    {
                        for (ulong i = 0; i < count; i++)
                            model[first + i] = phys + i * PageSize.Small;
                    }
                }
                else
                {
                    PagingResult result = _space.Unmap(V(virt), size);
                    Assert.Equal(allMapped ? PagingResult.Success : PagingResult.NotMapped, result);
                    if (result == PagingResult.Success)
                    {
                        for (ulong i = 0; i < count; i++)
                            model.Remove(first + i);
                    }
                }
                for (ulong page = 0; page < Pages; page += 7)
                {
                    PagingResult translated = _space.Translate(V(region + page * PageSize.Small + 3), out PageMapping mapping);
                    if (model.TryGetValue(page, out ulong expected))
                        Assert.Equal(expected + 3, mapping.Physical.Value);
                    else
                        Assert.Equal(PagingResult.NotMapped, translated);
                }
            }
            var remaining = new List<ulong>(model.Keys);
            foreach (ulong page in remaining)
                Assert.Equal(PagingResult.Success, _space.Unmap(V(region + page * PageSize.Small), PageSize.Small));
            Assert.Equal(start, _memory.AllocatedFrames);
        }
    }
}
