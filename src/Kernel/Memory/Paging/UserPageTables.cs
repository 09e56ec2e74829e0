// The user half (PML4 entries 0-255) of user address spaces, built seL4-style from tables the program paid
// for: it never allocates. A program retypes PageTable objects from its untyped memory and installs them
// with MapTable; MapFrame then puts one frame capability's page (4 KiB, or 2 MiB at the page-directory
// level) into a table that exists, and names the missing level when one does not. Every operation works on
// a PML4 given by physical address, reached through the DirectMap, checks all its arguments before it
// writes anything, and answers with the system-call error the caller returns.
//
// What it guarantees: nothing at or above KernelMemoryLayout.UserEnd is ever written, so the kernel half that
// InitializeRoot copied stays the kernel's and stays shared; no leaf is both writable and executable, and
// every leaf is readable (x86 has no unreadable present page); an entry is removed or changed only while it
// still points at what the caller says (so a stale capability's unmap is a harmless NotMapped). Frames
// behind a removed table just become unreachable; their capabilities' later unmaps get NotMapped.
//
// It never flushes a TLB: each change reports a TlbInvalidation, and the caller applies it on the CPUs that
// ran the address space before it reuses the memory the old entry pointed at. Callers serialise operations
// on one address space, install a PageTable object in one place at most, and must not reuse a table's
// memory while it is still installed (UnmapTable first).
using MinimalOS.Abi;

namespace MinimalOS.Kernel.Memory.Paging
{
    public sealed unsafe class UserPageTables
    {
        private const int EntriesPerTable = 512;
        private const int KernelHalfFirstEntry = 256;
        private const int RootLevel = 4;
        private const ulong Present = (ulong)PageFlags.Present;
        private const ulong Writable = (ulong)PageFlags.Writable;
        private const ulong Huge = (ulong)PageFlags.Huge;
        private const ulong NoExecute = (ulong)PageFlags.NoExecute;
        // Permissions are enforced at the leaf; a table entry lets everything through.
        private const ulong TableEntryBits = Present | Writable | (ulong)PageFlags.User;
        private const ulong LeafBits = Present | (ulong)PageFlags.User;
        private const CapRights MappingRights = CapRights.Read | CapRights.Write | CapRights.Execute;

        private readonly DirectMap _directMap;
        private readonly PatLayout _pat;
        private readonly bool _noExecuteSupported;

        /// <summary>Without NX support no leaf carries the NX bit (it would be reserved and fault), so a
        /// readable page is also executable; W^X still holds.</summary>
        public UserPageTables(DirectMap directMap, PatLayout pat, bool noExecuteSupported)
        {
            _directMap = directMap;
            _pat = pat;
            _noExecuteSupported = noExecuteSupported;
        }

        /// <summary>Makes <paramref name="pml4"/> an empty user half over the kernel half of <paramref name="kernelRoot"/>.</summary>
        public SyscallError InitializeRoot(PhysicalAddress pml4, PhysicalAddress kernelRoot)
        {
            SyscallError check = CheckTableFrame(pml4);
            if (check == SyscallError.None)
                check = CheckTableFrame(kernelRoot);
            if (check != SyscallError.None)
                return check;
            if (pml4.Value == kernelRoot.Value)
                return SyscallError.InvalidArgument;
            ulong* root = Table(pml4.Value);
            ulong* kernel = Table(kernelRoot.Value);
            for (int i = 0; i < KernelHalfFirstEntry; i++)
                root[i] = 0;
            for (int i = KernelHalfFirstEntry; i < EntriesPerTable; i++)
                root[i] = kernel[i];
            return SyscallError.None;
        }

        /// <summary>
        /// Installs the zeroed table at <paramref name="table"/> at the first level on the way to
        /// <paramref name="virt"/> (any address inside the region it will cover) that has no table yet, and
        /// says which level that was. AlreadyMapped when every level down to the page table exists or a 2 MiB
        /// page is in the way. A new table entry hides nothing, so nothing needs invalidating.
        /// </summary>
        public SyscallError MapTable(PhysicalAddress pml4, VirtualAddress virt, PhysicalAddress table, out PageTableLevel level)
        {
            level = PageTableLevel.None;
            SyscallError check = CheckTableFrame(pml4);
            if (check == SyscallError.None)
                check = CheckUserAddress(virt);
            if (check == SyscallError.None)
                check = CheckTableFrame(table);
            if (check != SyscallError.None)
                return check;
            if (table.Value == pml4.Value)
                return SyscallError.InvalidArgument;
            ulong* current = Table(pml4.Value);
            for (int parent = RootLevel; parent > 1; parent--)
            {
                ulong* entry = current + Index(virt.Value, parent);
                ulong raw = *entry;
                if ((raw & Present) == 0)
                {
                    *entry = table.Value | TableEntryBits;
                    level = (PageTableLevel)(parent - 1);
                    return SyscallError.None;
                }
                if ((raw & Huge) != 0)
                    return SyscallError.AlreadyMapped;
                current = Table(raw & PageTableEntry.FrameMask);
            }
            return SyscallError.AlreadyMapped;
        }

        /// <summary>
        /// Removes the entry that installs the table at <paramref name="table"/> as a <paramref name="level"/>
        /// table covering <paramref name="virt"/>, if it still does (NotMapped otherwise). Everything mapped
        /// through it becomes unreachable: a table that held any entry needs the whole address space invalidated.
        /// </summary>
        public SyscallError UnmapTable(PhysicalAddress pml4, VirtualAddress virt, PageTableLevel level, PhysicalAddress table, out TlbInvalidation invalidation)
        {
            invalidation = TlbInvalidation.Nothing;
            SyscallError check = CheckTableFrame(pml4);
            if (check == SyscallError.None)
                check = CheckUserAddress(virt);
            if (check == SyscallError.None && (level < PageTableLevel.PageTable || level > PageTableLevel.Pdpt))
                check = SyscallError.InvalidArgument;
            if (check == SyscallError.None)
                check = CheckTableFrame(table);
            if (check != SyscallError.None)
                return check;
            int parentLevel = (int)level + 1;
            ulong* current = Table(pml4.Value);
            for (int walked = RootLevel; walked > parentLevel; walked--)
            {
                ulong raw = current[Index(virt.Value, walked)];
                if ((raw & Present) == 0 || (raw & Huge) != 0)
                    return SyscallError.NotMapped;
                current = Table(raw & PageTableEntry.FrameMask);
            }
            ulong* entry = current + Index(virt.Value, parentLevel);
            if ((*entry & Present) == 0 || (*entry & Huge) != 0 || (*entry & PageTableEntry.FrameMask) != table.Value)
                return SyscallError.NotMapped;
            *entry = 0;
            invalidation = HoldsAnyEntry(Table(table.Value))
                ? TlbInvalidation.Everything
                : TlbInvalidation.OnePage(new VirtualAddress(PageSize.AlignDown(virt.Value, Span(parentLevel))));
            return SyscallError.None;
        }

        /// <summary>
        /// Maps the page of <paramref name="pageSize"/> (4 KiB or 2 MiB) at <paramref name="frame"/> at
        /// <paramref name="virt"/> with <paramref name="rights"/> (Read required, never Write with Execute)
        /// and <paramref name="cache"/>. MissingPageTable names the first table missing on the way.
        /// </summary>
        public SyscallError MapFrame(PhysicalAddress pml4, VirtualAddress virt, PhysicalAddress frame, ulong pageSize, CapRights rights, CacheType cache, out PageTableLevel missing)
        {
            missing = PageTableLevel.None;
            SyscallError check = CheckFrameArguments(pml4, virt, frame, pageSize);
            if (check == SyscallError.None)
                check = CheckRights(rights);
            if (check != SyscallError.None)
                return check;
            bool large = pageSize == PageSize.Large;
            if (!_pat.TryGetLeafBits(cache, large, out ulong cacheBits))
                return SyscallError.InvalidArgument;
            SyscallError found = FindLeafEntry(pml4, virt, large, out ulong* entry, out missing);
            if (found != SyscallError.None)
                return found;
            if ((*entry & Present) != 0)
                return SyscallError.AlreadyMapped;
            *entry = frame.Value | LeafBits | (large ? Huge : 0) | RightsBits(rights) | cacheBits;
            return SyscallError.None;
        }

        /// <summary>Removes the mapping at <paramref name="virt"/> if it is still this frame's page of this size
        /// (NotMapped otherwise: the table may be gone, or another mapping took the place).</summary>
        public SyscallError UnmapFrame(PhysicalAddress pml4, VirtualAddress virt, ulong pageSize, PhysicalAddress frame, out TlbInvalidation invalidation)
        {
            invalidation = TlbInvalidation.Nothing;
            SyscallError check = CheckFrameArguments(pml4, virt, frame, pageSize);
            if (check != SyscallError.None)
                return check;
            bool large = pageSize == PageSize.Large;
            if (!TryFindMapping(pml4, virt, frame, large, out ulong* entry))
                return SyscallError.NotMapped;
            *entry = 0;
            invalidation = TlbInvalidation.OnePage(virt);
            return SyscallError.None;
        }

        /// <summary>Gives this frame's mapping at <paramref name="virt"/> the rights <paramref name="rights"/>
        /// (the same rules as MapFrame); its cache type stays.</summary>
        public SyscallError ProtectFrame(PhysicalAddress pml4, VirtualAddress virt, ulong pageSize, PhysicalAddress frame, CapRights rights, out TlbInvalidation invalidation)
        {
            invalidation = TlbInvalidation.Nothing;
            SyscallError check = CheckFrameArguments(pml4, virt, frame, pageSize);
            if (check == SyscallError.None)
                check = CheckRights(rights);
            if (check != SyscallError.None)
                return check;
            bool large = pageSize == PageSize.Large;
            if (!TryFindMapping(pml4, virt, frame, large, out ulong* entry))
                return SyscallError.NotMapped;
            ulong changed = (*entry & ~(Writable | NoExecute)) | RightsBits(rights);
            if (changed == *entry)
                return SyscallError.None;
            *entry = changed;
            invalidation = TlbInvalidation.OnePage(virt);
            return SyscallError.None;
        }

        /// <summary>Where <paramref name="virt"/> (in the user half) goes, as the tables say.</summary>
        public SyscallError Translate(PhysicalAddress pml4, VirtualAddress virt, out UserPageMapping mapping)
        {
            mapping = default;
            SyscallError check = CheckTableFrame(pml4);
            if (check == SyscallError.None)
                check = CheckUserAddress(virt);
            if (check != SyscallError.None)
                return check;
            ulong* current = Table(pml4.Value);
            for (int level = RootLevel; level >= 1; level--)
            {
                ulong raw = current[Index(virt.Value, level)];
                if ((raw & Present) == 0)
                    return SyscallError.NotMapped;
                if (level == 1 || (level < RootLevel && (raw & Huge) != 0))
                {
                    ulong span = Span(level);
                    ulong pageFrame = raw & PageTableEntry.FrameMask & ~(span - 1);
                    CapRights rights = CapRights.Read;
                    if ((raw & Writable) != 0)
                        rights |= CapRights.Write;
                    if ((raw & NoExecute) == 0)
                        rights |= CapRights.Execute;
                    mapping = new UserPageMapping(new PhysicalAddress(pageFrame), new PhysicalAddress(pageFrame + (virt.Value & (span - 1))), span, rights, _pat.MemoryTypeOf(raw, level > 1));
                    return SyscallError.None;
                }
                current = Table(raw & PageTableEntry.FrameMask);
            }
            return SyscallError.NotMapped;
        }

        // Size first (Range), then the user address (BadAddress: outside the user half, or covering page 0,
        // which stays unmapped so that null pointers fault), then alignment, then the frame's reach.
        private static SyscallError CheckFrameArguments(PhysicalAddress pml4, VirtualAddress virt, PhysicalAddress frame, ulong pageSize)
        {
            if (pageSize != PageSize.Small && pageSize != PageSize.Large)
                return SyscallError.Range;
            SyscallError check = CheckTableFrame(pml4);
            if (check != SyscallError.None)
                return check;
            if (virt.Value >= KernelMemoryLayout.UserEnd || virt.Value < pageSize)
                return SyscallError.BadAddress;
            if (((virt.Value | frame.Value) & (pageSize - 1)) != 0)
                return SyscallError.Alignment;
            if (frame.Value > PageTableEntry.FrameMask)
                return SyscallError.Range;
            return SyscallError.None;
        }

        // Unknown rights are malformed; W+X breaks W^X; a page without Read cannot be expressed on x86.
        private static SyscallError CheckRights(CapRights rights)
        {
            if ((rights & ~MappingRights) != 0)
                return SyscallError.InvalidArgument;
            if ((rights & (CapRights.Write | CapRights.Execute)) == (CapRights.Write | CapRights.Execute))
                return SyscallError.IllegalOperation;
            if ((rights & CapRights.Read) == 0)
                return SyscallError.InvalidArgument;
            return SyscallError.None;
        }

        private static SyscallError CheckUserAddress(VirtualAddress virt) =>
            virt.Value < KernelMemoryLayout.UserEnd ? SyscallError.None : SyscallError.BadAddress;

        private static SyscallError CheckTableFrame(PhysicalAddress frame)
        {
            if ((frame.Value & (PageSize.Small - 1)) != 0)
                return SyscallError.Alignment;
            return frame.Value > PageTableEntry.FrameMask ? SyscallError.Range : SyscallError.None;
        }

        // The entry where a leaf of that size for `virt` lives: the page-directory entry for 2 MiB pages, the
        // page-table entry for 4 KiB ones. A missing table is named; a 2 MiB page where a table should be is
        // AlreadyMapped.
        private SyscallError FindLeafEntry(PhysicalAddress pml4, VirtualAddress virt, bool large, out ulong* entry, out PageTableLevel missing)
        {
            missing = PageTableLevel.None;
            int leafLevel = large ? 2 : 1;
            ulong* current = Table(pml4.Value);
            for (int level = RootLevel; level > leafLevel; level--)
            {
                ulong raw = current[Index(virt.Value, level)];
                if ((raw & Present) == 0)
                {
                    entry = null;
                    missing = (PageTableLevel)(level - 1);
                    return SyscallError.MissingPageTable;
                }
                if ((raw & Huge) != 0)
                {
                    entry = null;
                    return SyscallError.AlreadyMapped;
                }
                current = Table(raw & PageTableEntry.FrameMask);
            }
            entry = current + Index(virt.Value, leafLevel);
            return SyscallError.None;
        }

        // The leaf at `virt` if it maps exactly `frame` with that page size. In a 4 KiB entry bit 7 is the PAT
        // bit, so only 2 MiB leaves are told apart by it.
        private bool TryFindMapping(PhysicalAddress pml4, VirtualAddress virt, PhysicalAddress frame, bool large, out ulong* entry)
        {
            if (FindLeafEntry(pml4, virt, large, out entry, out _) != SyscallError.None)
                return false;
            ulong raw = *entry;
            ulong frameMask = PageTableEntry.FrameMask & ~((large ? PageSize.Large : PageSize.Small) - 1);
            return (raw & Present) != 0 && (!large || (raw & Huge) != 0) && (raw & frameMask) == frame.Value;
        }

        private ulong RightsBits(CapRights rights)
        {
            ulong bits = 0;
            if ((rights & CapRights.Write) != 0)
                bits |= Writable;
            if ((rights & CapRights.Execute) == 0 && _noExecuteSupported)
                bits |= NoExecute;
            return bits;
        }

        private static bool HoldsAnyEntry(ulong* table)
        {
            for (int i = 0; i < EntriesPerTable; i++)
            {
                if ((table[i] & Present) != 0)
                    return true;
            }
            return false;
        }

        private ulong* Table(ulong frame) => (ulong*)_directMap.ToPointer(new PhysicalAddress(frame));

        private static int Index(ulong virt, int level) => (int)((virt >> (12 + 9 * (level - 1))) & (EntriesPerTable - 1));

        private static ulong Span(int level) => 1UL << (12 + 9 * (level - 1));
    }
}
