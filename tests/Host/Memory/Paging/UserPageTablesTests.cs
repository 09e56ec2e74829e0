// Host tests of UserPageTables on simulated physical memory: the root's shared kernel half, installing
// tables level by level, mapping 4 KiB and 2 MiB frames with every right and cache type (checked in the
// raw entries and through Translate), every error each operation returns, unmap and protect that act only
// on the frame they are told about, table unmap leaving stale frames unreachable, and the TLB work reported.
using System;
using MinimalOS.Abi;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Paging;
using Xunit;

namespace MinimalOS.Tests.Host.Memory.Paging
{
    public sealed unsafe class UserPageTablesTests : IDisposable
    {
        private const ulong Mega = 1024 * 1024;
        private const ulong Giga = 1024 * Mega;
        private const ulong UserBase = 0x0000_1234_0000_0000;
        private const ulong Small = PageSize.Small;
        private const ulong Large = PageSize.Large;
        private const ulong Present = (ulong)PageFlags.Present;
        private const ulong Writable = (ulong)PageFlags.Writable;
        private const ulong User = (ulong)PageFlags.User;
        private const ulong PageSizeBit = (ulong)PageFlags.Huge;
        private const ulong NoExecute = (ulong)PageFlags.NoExecute;
        private const CapRights R = CapRights.Read;
        private const CapRights RW = CapRights.Read | CapRights.Write;
        private const CapRights RX = CapRights.Read | CapRights.Execute;

        private readonly HostUserAddressSpace _space = new HostUserAddressSpace();

        public void Dispose() => _space.Dispose();

        private UserPageTables Tables => _space.Tables;

        private PhysicalAddress Root => _space.Root;

        private static VirtualAddress V(ulong value) => new VirtualAddress(value);

        private static PhysicalAddress P(ulong value) => new PhysicalAddress(value);

        private SyscallError Map(ulong virt, ulong frame, ulong size, CapRights rights, CacheType cache = CacheType.WriteBack) =>
            Tables.MapFrame(Root, V(virt), P(frame), size, rights, cache, out _);

        private UserPageMapping Translated(ulong virt)
        {
            Assert.Equal(SyscallError.None, Tables.Translate(Root, V(virt), out UserPageMapping mapping));
            return mapping;
        }

        [Fact]
        public void InitializeRootClearsTheUserHalfAndSharesTheKernelHalf()
        {
            ulong* root = _space.TableAt(Root);
            for (int i = 0; i < HostUserAddressSpace.KernelHalfFirstEntry; i++)
                Assert.Equal(0UL, root[i]);
            _space.AssertKernelHalfUntouched();
        }

        [Fact]
        public void AKernelMappingMadeLaterIsSeenThroughTheUserRoot()
        {
            var kernel = AddressSpace.OverExisting(_space.KernelRoot, _space.Memory.DirectMap, _space.Memory, new RecordingTlb(), noExecuteSupported: true);
            Assert.Equal(PagingResult.Success, kernel.Map(V(KernelMemoryLayout.HeapBase), P(0x7000), Small, PageFlags.Writable | PageFlags.NoExecute));
            var throughUser = AddressSpace.OverExisting(Root, _space.Memory.DirectMap, _space.Memory, new RecordingTlb(), noExecuteSupported: true);
            Assert.Equal(PagingResult.Success, throughUser.Translate(V(KernelMemoryLayout.HeapBase + 0x10), out PageMapping mapping));
            Assert.Equal(0x7010UL, mapping.Physical.Value);
            Assert.Equal(0UL, (ulong)(mapping.Flags & PageFlags.User));
        }

        [Fact]
        public void InitializeRootValidatesItsFrames()
        {
            PhysicalAddress other = _space.NewTable();
            Assert.Equal(SyscallError.Alignment, Tables.InitializeRoot(P(other.Value + 8), _space.KernelRoot));
            Assert.Equal(SyscallError.Alignment, Tables.InitializeRoot(other, P(_space.KernelRoot.Value + 0x800)));
            Assert.Equal(SyscallError.Range, Tables.InitializeRoot(P(1UL << 52), _space.KernelRoot));
            Assert.Equal(SyscallError.InvalidArgument, Tables.InitializeRoot(_space.KernelRoot, _space.KernelRoot));
            _space.AssertKernelHalfUntouched();
        }

        [Fact]
        public void MapTableInstallsOneLevelPerCallThenSaysAlreadyMapped()
        {
            PhysicalAddress pdpt = _space.NewTable(), pd = _space.NewTable(), pt = _space.NewTable();
            ulong virt = UserBase + 3 * Giga + 5 * Large + 7 * Small;
            Assert.Equal(SyscallError.None, Tables.MapTable(Root, V(virt), pdpt, out PageTableLevel first));
            Assert.Equal(SyscallError.None, Tables.MapTable(Root, V(virt), pd, out PageTableLevel second));
            Assert.Equal(SyscallError.None, Tables.MapTable(Root, V(virt), pt, out PageTableLevel third));
            Assert.Equal(PageTableLevel.Pdpt, first);
            Assert.Equal(PageTableLevel.PageDirectory, second);
            Assert.Equal(PageTableLevel.PageTable, third);
            Assert.Equal(pdpt.Value | Present | Writable | User, _space.EntryAt(virt, 4));
            Assert.Equal(pd.Value | Present | Writable | User, _space.EntryAt(virt, 3));
            Assert.Equal(pt.Value | Present | Writable | User, _space.EntryAt(virt, 2));
            Assert.Equal(SyscallError.AlreadyMapped, Tables.MapTable(Root, V(virt + Small), _space.NewTable(), out PageTableLevel none));
            Assert.Equal(PageTableLevel.None, none);
            _space.AssertKernelHalfUntouched();
        }

        [Fact]
        public void MapTableCanCoverPageZero()
        {
            _space.BuildPath(0, Small);
            Assert.Equal(SyscallError.None, Map(Small, 0x9000, Small, R));
            Assert.Equal(0x9000UL, Translated(Small).Physical.Value);
        }

        [Fact]
        public void MapTableRefusesALargePageInTheWay()
        {
            _space.BuildPath(UserBase, Large);
            Assert.Equal(SyscallError.None, Map(UserBase, 4 * Mega, Large, RW));
            Assert.Equal(SyscallError.AlreadyMapped, Tables.MapTable(Root, V(UserBase + Small), _space.NewTable(), out _));
            Assert.Equal(4 * Mega + Small, Translated(UserBase + Small).Physical.Value);
        }

        [Fact]
        public void MapTableValidatesItsArguments()
        {
            PhysicalAddress table = _space.NewTable();
            Assert.Equal(SyscallError.BadAddress, Tables.MapTable(Root, V(KernelMemoryLayout.UserEnd), table, out _));
            Assert.Equal(SyscallError.BadAddress, Tables.MapTable(Root, V(KernelMemoryLayout.HeapBase), table, out _));
            Assert.Equal(SyscallError.BadAddress, Tables.MapTable(Root, V(0x1234_0000_0000_0000), table, out _));
            Assert.Equal(SyscallError.Alignment, Tables.MapTable(Root, V(UserBase), P(table.Value + 0x10), out _));
            Assert.Equal(SyscallError.Range, Tables.MapTable(Root, V(UserBase), P(1UL << 53), out _));
            Assert.Equal(SyscallError.Alignment, Tables.MapTable(P(Root.Value + 1), V(UserBase), table, out _));
            Assert.Equal(SyscallError.InvalidArgument, Tables.MapTable(Root, V(UserBase), Root, out _));
            ulong* root = _space.TableAt(Root);
            for (int i = 0; i < HostUserAddressSpace.KernelHalfFirstEntry; i++)
                Assert.Equal(0UL, root[i]);
            _space.AssertKernelHalfUntouched();
        }

        [Theory]
        [InlineData(CapRights.Read, false, false)]
        [InlineData(CapRights.Read | CapRights.Write, true, false)]
        [InlineData(CapRights.Read | CapRights.Execute, false, true)]
        public void A4KiBFrameGetsExactlyItsRights(CapRights rights, bool writable, bool executable)
        {
            _space.BuildPath(UserBase, Small);
            ulong virt = UserBase + 9 * Small;
            Assert.Equal(SyscallError.None, Map(virt, 0x0000_0001_2345_6000, Small, rights));
            ulong leaf = _space.EntryAt(virt, 1);
            Assert.Equal(0x0000_0001_2345_6000UL, leaf & PageTableEntry.FrameMask);
            Assert.Equal(Present | User | (writable ? Writable : 0) | (executable ? 0 : NoExecute), leaf & ~PageTableEntry.FrameMask);
            UserPageMapping mapping = Translated(virt + 0x321);
            Assert.Equal(0x0000_0001_2345_6321UL, mapping.Physical.Value);
            Assert.Equal(0x0000_0001_2345_6000UL, mapping.Frame.Value);
            Assert.Equal(Small, mapping.PageSize);
            Assert.Equal(rights, mapping.Rights);
            Assert.Equal(PatMemoryType.WriteBack, mapping.MemoryType);
        }

        [Theory]
        [InlineData(CapRights.Read)]
        [InlineData(CapRights.Read | CapRights.Write)]
        [InlineData(CapRights.Read | CapRights.Execute)]
        public void A2MiBFrameIsAPageDirectoryLeaf(CapRights rights)
        {
            _space.BuildPath(UserBase, Large);
            ulong virt = UserBase + 6 * Large;
            Assert.Equal(SyscallError.None, Map(virt, 0x0000_0002_0040_0000, Large, rights));
            ulong leaf = _space.EntryAt(virt, 2);
            Assert.Equal(0x0000_0002_0040_0000UL, leaf & PageTableEntry.FrameMask);
            Assert.True((leaf & PageSizeBit) != 0);
            Assert.Equal((rights & CapRights.Write) != 0, (leaf & Writable) != 0);
            Assert.Equal((rights & CapRights.Execute) == 0, (leaf & NoExecute) != 0);
            UserPageMapping mapping = Translated(virt + Large - 8);
            Assert.Equal(0x0000_0002_0060_0000UL - 8, mapping.Physical.Value);
            Assert.Equal(Large, mapping.PageSize);
            Assert.Equal(rights, mapping.Rights);
        }

        [Theory]
        [InlineData(CacheType.WriteBack, PatMemoryType.WriteBack, false)]
        [InlineData(CacheType.WriteBack, PatMemoryType.WriteBack, true)]
        [InlineData(CacheType.WriteCombining, PatMemoryType.WriteCombining, false)]
        [InlineData(CacheType.WriteCombining, PatMemoryType.WriteCombining, true)]
        [InlineData(CacheType.Uncached, PatMemoryType.Uncacheable, false)]
        [InlineData(CacheType.Uncached, PatMemoryType.Uncacheable, true)]
        public void TheLeafCarriesThePatBitsOfItsCacheType(CacheType cache, PatMemoryType expected, bool large)
        {
            ulong size = large ? Large : Small;
            _space.BuildPath(UserBase, size);
            Assert.Equal(SyscallError.None, Map(UserBase, 8 * Mega, size, RW, cache));
            Assert.True(PatLayout.Kernel.TryGetLeafBits(cache, large, out ulong bits));
            ulong leaf = _space.EntryAt(UserBase, large ? 2 : 1);
            Assert.Equal(bits, leaf & PatLayout.LeafBitsMask(large));
            Assert.Equal(expected, Translated(UserBase).MemoryType);
        }

        [Fact]
        public void WithoutNoExecuteSupportNoLeafCarriesTheBit()
        {
            using var space = new HostUserAddressSpace(noExecuteSupported: false);
            space.BuildPath(UserBase, Small);
            Assert.Equal(SyscallError.None, space.Tables.MapFrame(space.Root, V(UserBase), P(0x5000), Small, RW, CacheType.WriteBack, out _));
            Assert.Equal(0UL, space.EntryAt(UserBase, 1) & NoExecute);
            Assert.Equal(SyscallError.IllegalOperation, space.Tables.MapFrame(space.Root, V(UserBase + Small), P(0x6000), Small, CapRights.All & ~(CapRights.Grant | CapRights.Revoke), CacheType.WriteBack, out _));
        }

        [Theory]
        [InlineData(CapRights.Read | CapRights.Write | CapRights.Execute, SyscallError.IllegalOperation)]
        [InlineData(CapRights.Write | CapRights.Execute, SyscallError.IllegalOperation)]
        [InlineData(CapRights.Write, SyscallError.InvalidArgument)]
        [InlineData(CapRights.Execute, SyscallError.InvalidArgument)]
        [InlineData(CapRights.None, SyscallError.InvalidArgument)]
        [InlineData(CapRights.Read | CapRights.Grant, SyscallError.InvalidArgument)]
        public void MapAndProtectRefuseWriteExecuteAndUnreadableRights(CapRights rights, SyscallError expected)
        {
            _space.BuildPath(UserBase, Small);
            Assert.Equal(expected, Map(UserBase, 0x5000, Small, rights));
            Assert.Equal(0UL, _space.EntryAt(UserBase, 1));
            Assert.Equal(SyscallError.None, Map(UserBase, 0x5000, Small, RW));
            ulong before = _space.EntryAt(UserBase, 1);
            Assert.Equal(expected, Tables.ProtectFrame(Root, V(UserBase), Small, P(0x5000), rights, out TlbInvalidation invalidation));
            Assert.False(invalidation.Any);
            Assert.Equal(before, _space.EntryAt(UserBase, 1));
        }

        [Fact]
        public void AnUnknownCacheTypeIsRefused()
        {
            _space.BuildPath(UserBase, Small);
            Assert.Equal(SyscallError.InvalidArgument, Map(UserBase, 0x5000, Small, R, (CacheType)9));
            Assert.Equal(0UL, _space.EntryAt(UserBase, 1));
        }

        [Theory]
        [InlineData(0UL, 0x4000UL)]
        [InlineData(0x800UL, 0x4000UL)]
        [InlineData(0x0000_8000_0000_0000UL, 0x4000UL)]
        [InlineData(0xFFFF_8000_0000_0000UL, 0x4000UL)]
        [InlineData(0xFFFF_FFFF_FFFF_F000UL, 0x4000UL)]
        [InlineData(0x1234_0000_0000_0000UL, 0x4000UL)]
        public void FrameCallsRefuseAddressesOutsideTheUserHalfOrOnPageZero(ulong virt, ulong frame)
        {
            Assert.Equal(SyscallError.BadAddress, Map(virt, frame, Small, R));
            Assert.Equal(SyscallError.BadAddress, Tables.UnmapFrame(Root, V(virt), Small, P(frame), out _));
            Assert.Equal(SyscallError.BadAddress, Tables.ProtectFrame(Root, V(virt), Small, P(frame), R, out _));
            _space.AssertKernelHalfUntouched();
        }

        [Fact]
        public void A2MiBFrameCannotCoverPageZero()
        {
            _space.BuildPath(0, Large);
            Assert.Equal(SyscallError.BadAddress, Map(0, 4 * Mega, Large, R));
            Assert.Equal(SyscallError.None, Map(Large, 4 * Mega, Large, R));
        }

        [Fact]
        public void TheLastUserPageCanBeMapped()
        {
            ulong last = KernelMemoryLayout.UserEnd - Small;
            _space.BuildPath(last, Small);
            Assert.Equal(SyscallError.None, Map(last, 0x5000, Small, R));
            Assert.Equal(0x5000UL, Translated(last).Physical.Value);
            _space.AssertKernelHalfUntouched();
        }

        [Theory]
        [InlineData(0x1000UL, 0x5800UL, 4096UL)]
        [InlineData(0x1800UL, 0x5000UL, 4096UL)]
        [InlineData(0x20_1000UL, 0x40_0000UL, 2097152UL)]
        [InlineData(0x20_0000UL, 0x40_1000UL, 2097152UL)]
        public void FrameCallsRefuseMisalignment(ulong offset, ulong frame, ulong size)
        {
            _space.BuildPath(UserBase, size);
            Assert.Equal(SyscallError.Alignment, Map(UserBase + offset, frame, size, R));
            Assert.Equal(SyscallError.Alignment, Tables.UnmapFrame(Root, V(UserBase + offset), size, P(frame), out _));
            Assert.Equal(SyscallError.Alignment, Tables.ProtectFrame(Root, V(UserBase + offset), size, P(frame), R, out _));
        }

        [Theory]
        [InlineData(0UL)]
        [InlineData(8192UL)]
        [InlineData(1024UL * 1024 * 1024)]
        public void FrameCallsRefuseOtherPageSizes(ulong size)
        {
            _space.BuildPath(UserBase, Small);
            Assert.Equal(SyscallError.Range, Map(UserBase, 0, size, R));
            Assert.Equal(SyscallError.Range, Tables.UnmapFrame(Root, V(UserBase), size, P(0), out _));
            Assert.Equal(SyscallError.Range, Tables.ProtectFrame(Root, V(UserBase), size, P(0), R, out _));
        }

        [Fact]
        public void AFrameBeyondPhysicalAddressBitsIsRefused()
        {
            _space.BuildPath(UserBase, Small);
            Assert.Equal(SyscallError.Range, Map(UserBase, 1UL << 52, Small, R));
            Assert.Equal(0UL, _space.EntryAt(UserBase, 1));
        }

        [Fact]
        public void MapFrameNamesEachMissingLevelIn4KiBOrder()
        {
            ulong virt = UserBase + 5 * Giga + 3 * Large;
            Assert.Equal(SyscallError.MissingPageTable, Tables.MapFrame(Root, V(virt), P(0x5000), Small, R, CacheType.WriteBack, out PageTableLevel missing));
            Assert.Equal(PageTableLevel.Pdpt, missing);
            Assert.Equal(SyscallError.None, Tables.MapTable(Root, V(virt), _space.NewTable(), out _));
            Assert.Equal(SyscallError.MissingPageTable, Tables.MapFrame(Root, V(virt), P(0x5000), Small, R, CacheType.WriteBack, out missing));
            Assert.Equal(PageTableLevel.PageDirectory, missing);
            Assert.Equal(SyscallError.None, Tables.MapTable(Root, V(virt), _space.NewTable(), out _));
            Assert.Equal(SyscallError.MissingPageTable, Tables.MapFrame(Root, V(virt), P(0x5000), Small, R, CacheType.WriteBack, out missing));
            Assert.Equal(PageTableLevel.PageTable, missing);
            Assert.Equal(SyscallError.None, Tables.MapTable(Root, V(virt), _space.NewTable(), out _));
            Assert.Equal(SyscallError.None, Tables.MapFrame(Root, V(virt), P(0x5000), Small, R, CacheType.WriteBack, out missing));
            Assert.Equal(PageTableLevel.None, missing);
        }

        [Fact]
        public void A2MiBFrameNeedsNoPageTable()
        {
            ulong virt = UserBase + 4 * Large;
            Assert.Equal(SyscallError.MissingPageTable, Tables.MapFrame(Root, V(virt), P(2 * Large), Large, R, CacheType.WriteBack, out PageTableLevel missing));
            Assert.Equal(PageTableLevel.Pdpt, missing);
            Assert.Equal(SyscallError.None, Tables.MapTable(Root, V(virt), _space.NewTable(), out _));
            Assert.Equal(SyscallError.MissingPageTable, Tables.MapFrame(Root, V(virt), P(2 * Large), Large, R, CacheType.WriteBack, out missing));
            Assert.Equal(PageTableLevel.PageDirectory, missing);
            Assert.Equal(SyscallError.None, Tables.MapTable(Root, V(virt), _space.NewTable(), out _));
            Assert.Equal(SyscallError.None, Tables.MapFrame(Root, V(virt), P(2 * Large), Large, R, CacheType.WriteBack, out _));
        }

        [Fact]
        public void MapFrameRefusesATakenPlace()
        {
            _space.BuildPath(UserBase, Small);
            Assert.Equal(SyscallError.None, Map(UserBase, 0x5000, Small, R));
            Assert.Equal(SyscallError.AlreadyMapped, Map(UserBase, 0x6000, Small, RW));
            Assert.Equal(0x5000UL, Translated(UserBase).Physical.Value);
            // A page table covers the 2 MiB region, even though only one page of it is mapped.
            Assert.Equal(SyscallError.AlreadyMapped, Map(UserBase, 4 * Mega, Large, R));
            _space.BuildPath(UserBase + Large, Large);
            Assert.Equal(SyscallError.None, Map(UserBase + Large, 4 * Mega, Large, R));
            Assert.Equal(SyscallError.AlreadyMapped, Map(UserBase + Large, 8 * Mega, Large, R));
            Assert.Equal(SyscallError.AlreadyMapped, Map(UserBase + Large + 5 * Small, 0x7000, Small, R));
            Assert.Equal(4 * Mega + 5 * Small, Translated(UserBase + Large + 5 * Small).Physical.Value);
        }

        [Theory]
        [InlineData(4096UL)]
        [InlineData(2097152UL)]
        public void UnmapFrameRemovesTheLeafAndReportsThePage(ulong size)
        {
            _space.BuildPath(UserBase, size);
            Assert.Equal(SyscallError.None, Map(UserBase + size, 4 * Mega, size, RW));
            Assert.Equal(SyscallError.None, Tables.UnmapFrame(Root, V(UserBase + size), size, P(4 * Mega), out TlbInvalidation invalidation));
            Assert.True(invalidation.Any);
            Assert.False(invalidation.All);
            Assert.Equal(UserBase + size, invalidation.Page.Value);
            Assert.Equal(0UL, _space.EntryAt(UserBase + size, size == Large ? 2 : 1));
            Assert.Equal(SyscallError.NotMapped, Tables.Translate(Root, V(UserBase + size), out _));
            Assert.Equal(SyscallError.NotMapped, Tables.UnmapFrame(Root, V(UserBase + size), size, P(4 * Mega), out invalidation));
            Assert.False(invalidation.Any);
        }

        [Fact]
        public void UnmapFrameLeavesAnotherFramesMappingAlone()
        {
            _space.BuildPath(UserBase, Small);
            Assert.Equal(SyscallError.None, Map(UserBase, 0x5000, Small, R));
            Assert.Equal(SyscallError.NotMapped, Tables.UnmapFrame(Root, V(UserBase), Small, P(0x6000), out TlbInvalidation invalidation));
            Assert.False(invalidation.Any);
            Assert.Equal(0x5000UL, Translated(UserBase).Physical.Value);
        }

        [Fact]
        public void UnmapAndProtectCheckThePageSize()
        {
            _space.BuildPath(UserBase, Large);
            Assert.Equal(SyscallError.None, Map(UserBase, 4 * Mega, Large, R));
            // A 4 KiB request meets the 2 MiB leaf where a page table would be.
            Assert.Equal(SyscallError.NotMapped, Tables.UnmapFrame(Root, V(UserBase), Small, P(4 * Mega), out _));
            Assert.Equal(SyscallError.NotMapped, Tables.ProtectFrame(Root, V(UserBase), Small, P(4 * Mega), RW, out _));
            _space.BuildPath(UserBase + Large, Small);
            Assert.Equal(SyscallError.None, Map(UserBase + Large, 4 * Mega, Small, R));
            // A 2 MiB request meets the page table.
            Assert.Equal(SyscallError.NotMapped, Tables.UnmapFrame(Root, V(UserBase + Large), Large, P(4 * Mega), out _));
            Assert.Equal(SyscallError.NotMapped, Tables.ProtectFrame(Root, V(UserBase + Large), Large, P(4 * Mega), RW, out _));
            Assert.Equal(Large, Translated(UserBase).PageSize);
            Assert.Equal(Small, Translated(UserBase + Large).PageSize);
        }

        [Fact]
        public void UnmapAndProtectWithoutTablesAreNotMapped()
        {
            Assert.Equal(SyscallError.NotMapped, Tables.UnmapFrame(Root, V(UserBase), Small, P(0x5000), out _));
            Assert.Equal(SyscallError.NotMapped, Tables.ProtectFrame(Root, V(UserBase), Large, P(4 * Mega), R, out _));
            Assert.Equal(SyscallError.NotMapped, Tables.Translate(Root, V(UserBase), out _));
        }

        [Theory]
        [InlineData(4096UL)]
        [InlineData(2097152UL)]
        public void ProtectChangesRightsAndKeepsFrameAndCacheType(ulong size)
        {
            _space.BuildPath(UserBase, size);
            Assert.Equal(SyscallError.None, Map(UserBase, 4 * Mega, size, RW, CacheType.WriteCombining));
            Assert.Equal(SyscallError.None, Tables.ProtectFrame(Root, V(UserBase), size, P(4 * Mega), RX, out TlbInvalidation invalidation));
            Assert.True(invalidation.Any && !invalidation.All);
            Assert.Equal(UserBase, invalidation.Page.Value);
            UserPageMapping mapping = Translated(UserBase);
            Assert.Equal(RX, mapping.Rights);
            Assert.Equal(4 * Mega, mapping.Frame.Value);
            Assert.Equal(size, mapping.PageSize);
            Assert.Equal(PatMemoryType.WriteCombining, mapping.MemoryType);
            Assert.Equal(SyscallError.None, Tables.ProtectFrame(Root, V(UserBase), size, P(4 * Mega), R, out _));
            Assert.Equal(R, Translated(UserBase).Rights);
        }

        [Fact]
        public void ProtectWithTheSameRightsReportsNothingToInvalidate()
        {
            _space.BuildPath(UserBase, Small);
            Assert.Equal(SyscallError.None, Map(UserBase, 0x5000, Small, R));
            Assert.Equal(SyscallError.None, Tables.ProtectFrame(Root, V(UserBase), Small, P(0x5000), R, out TlbInvalidation invalidation));
            Assert.False(invalidation.Any);
        }

        [Fact]
        public void ProtectLeavesAnotherFramesMappingAlone()
        {
            _space.BuildPath(UserBase, Small);
            Assert.Equal(SyscallError.None, Map(UserBase, 0x5000, Small, RW));
            Assert.Equal(SyscallError.NotMapped, Tables.ProtectFrame(Root, V(UserBase), Small, P(0x6000), R, out _));
            Assert.Equal(RW, Translated(UserBase).Rights);
        }

        [Fact]
        public void UnmappingATableLeavesItsFramesUnreachable()
        {
            PhysicalAddress pdpt = _space.NewTable(), pd = _space.NewTable(), pt = _space.NewTable();
            Assert.Equal(SyscallError.None, Tables.MapTable(Root, V(UserBase), pdpt, out _));
            Assert.Equal(SyscallError.None, Tables.MapTable(Root, V(UserBase), pd, out _));
            Assert.Equal(SyscallError.None, Tables.MapTable(Root, V(UserBase), pt, out _));
            Assert.Equal(SyscallError.None, Map(UserBase + Small, 0x5000, Small, RW));
            Assert.Equal(SyscallError.None, Tables.UnmapTable(Root, V(UserBase + 77 * Small), PageTableLevel.PageTable, pt, out TlbInvalidation invalidation));
            Assert.True(invalidation.All);
            Assert.Equal(0UL, _space.EntryAt(UserBase, 2));
            Assert.Equal(SyscallError.NotMapped, Tables.Translate(Root, V(UserBase + Small), out _));
            Assert.Equal(SyscallError.NotMapped, Tables.UnmapFrame(Root, V(UserBase + Small), Small, P(0x5000), out _));
            // A fresh table in the same place does not bring the old mapping back.
            PhysicalAddress fresh = _space.NewTable();
            Assert.Equal(SyscallError.None, Tables.MapTable(Root, V(UserBase), fresh, out PageTableLevel level));
            Assert.Equal(PageTableLevel.PageTable, level);
            Assert.Equal(SyscallError.NotMapped, Tables.UnmapFrame(Root, V(UserBase + Small), Small, P(0x5000), out _));
            Assert.Equal(SyscallError.NotMapped, Tables.UnmapTable(Root, V(UserBase), PageTableLevel.PageTable, pt, out _));
            Assert.Equal(fresh.Value | Present | Writable | User, _space.EntryAt(UserBase, 2));
        }

        [Fact]
        public void UnmappingAnEmptyTableInvalidatesOnlyItsRegion()
        {
            PhysicalAddress pdpt = _space.NewTable(), pd = _space.NewTable();
            Assert.Equal(SyscallError.None, Tables.MapTable(Root, V(UserBase), pdpt, out _));
            Assert.Equal(SyscallError.None, Tables.MapTable(Root, V(UserBase + 2 * Giga + 12345), pd, out _));
            Assert.Equal(SyscallError.None, Tables.UnmapTable(Root, V(UserBase + 2 * Giga + 5 * Large), PageTableLevel.PageDirectory, pd, out TlbInvalidation invalidation));
            Assert.True(invalidation.Any);
            Assert.False(invalidation.All);
            Assert.Equal(UserBase + 2 * Giga, invalidation.Page.Value);
        }

        [Fact]
        public void UnmappingAnUpperTableStrandsTheTablesBelowIt()
        {
            PhysicalAddress pdpt = _space.NewTable(), pd = _space.NewTable(), pt = _space.NewTable();
            Assert.Equal(SyscallError.None, Tables.MapTable(Root, V(UserBase), pdpt, out _));
            Assert.Equal(SyscallError.None, Tables.MapTable(Root, V(UserBase), pd, out _));
            Assert.Equal(SyscallError.None, Tables.MapTable(Root, V(UserBase), pt, out _));
            Assert.Equal(SyscallError.None, Tables.UnmapTable(Root, V(UserBase), PageTableLevel.Pdpt, pdpt, out TlbInvalidation invalidation));
            Assert.True(invalidation.All);
            Assert.Equal(0UL, _space.EntryAt(UserBase, 4));
            Assert.Equal(SyscallError.NotMapped, Tables.UnmapTable(Root, V(UserBase), PageTableLevel.PageDirectory, pd, out _));
            Assert.Equal(SyscallError.NotMapped, Tables.UnmapTable(Root, V(UserBase), PageTableLevel.PageTable, pt, out _));
            _space.AssertKernelHalfUntouched();
        }

        [Fact]
        public void UnmapTableRemovesOnlyTheTableItIsTold()
        {
            PhysicalAddress pdpt = _space.NewTable(), pd = _space.NewTable();
            Assert.Equal(SyscallError.None, Tables.MapTable(Root, V(UserBase), pdpt, out _));
            Assert.Equal(SyscallError.None, Tables.MapTable(Root, V(UserBase), pd, out _));
            Assert.Equal(SyscallError.NotMapped, Tables.UnmapTable(Root, V(UserBase), PageTableLevel.PageDirectory, pdpt, out _));
            Assert.Equal(SyscallError.NotMapped, Tables.UnmapTable(Root, V(UserBase), PageTableLevel.Pdpt, pd, out _));
            Assert.Equal(SyscallError.NotMapped, Tables.UnmapTable(Root, V(UserBase + Giga), PageTableLevel.PageDirectory, pd, out _));
            Assert.Equal(SyscallError.NotMapped, Tables.UnmapTable(Root, V(UserBase), PageTableLevel.PageTable, pd, out TlbInvalidation invalidation));
            Assert.False(invalidation.Any);
            Assert.Equal(pd.Value | Present | Writable | User, _space.EntryAt(UserBase, 3));
        }

        [Fact]
        public void UnmapTableDoesNotTakeALargePageForATable()
        {
            _space.BuildPath(UserBase, Large);
            Assert.Equal(SyscallError.None, Map(UserBase, 4 * Mega, Large, R));
            Assert.Equal(SyscallError.NotMapped, Tables.UnmapTable(Root, V(UserBase), PageTableLevel.PageTable, P(4 * Mega), out _));
            Assert.Equal(4 * Mega, Translated(UserBase).Frame.Value);
        }

        [Fact]
        public void UnmapTableValidatesItsArguments()
        {
            PhysicalAddress table = _space.NewTable();
            Assert.Equal(SyscallError.InvalidArgument, Tables.UnmapTable(Root, V(UserBase), PageTableLevel.None, table, out _));
            Assert.Equal(SyscallError.InvalidArgument, Tables.UnmapTable(Root, V(UserBase), (PageTableLevel)4, table, out _));
            Assert.Equal(SyscallError.BadAddress, Tables.UnmapTable(Root, V(KernelMemoryLayout.KernelHalfStart), PageTableLevel.Pdpt, P(_space.TableAt(_space.KernelRoot)[256] & PageTableEntry.FrameMask), out _));
            Assert.Equal(SyscallError.Alignment, Tables.UnmapTable(Root, V(UserBase), PageTableLevel.Pdpt, P(table.Value + 4), out _));
            _space.AssertKernelHalfUntouched();
        }

        [Fact]
        public void TranslateRefusesTheKernelHalf()
        {
            Assert.Equal(SyscallError.BadAddress, Tables.Translate(Root, V(KernelMemoryLayout.DirectMapBase), out _));
            Assert.Equal(SyscallError.NotMapped, Tables.Translate(Root, V(0), out _));
        }

        [Fact]
        public void InvalidationsReachTheTlbAsReported()
        {
            var tlb = new RecordingTlb();
            TlbInvalidation.Nothing.ApplyTo(tlb);
            Assert.Equal(0, tlb.Calls);
            Assert.Equal(0, tlb.FullFlushes);
            TlbInvalidation.OnePage(V(UserBase)).ApplyTo(tlb);
            Assert.Equal(new[] { UserBase }, tlb.Invalidated);
            TlbInvalidation.Everything.ApplyTo(tlb);
            Assert.Equal(1, tlb.FullFlushes);
            Assert.Equal(1, tlb.Calls);
        }
    }
}
