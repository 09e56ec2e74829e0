// One x86_64 four-level address space: its PML4 and every table below, reached through a DirectMap, with
// frames for tables taken from an IFrameAllocator and returned to it once a table is empty. Map picks
// 2 MiB pages wherever virtual and physical addresses are both 2 MiB-aligned and enough of the range
// remains; unmap and protect split a 2 MiB page that they cover only partly. 1 GiB pages are translated
// (a loader's tables may hold them) but never created, and unmap/protect refuse to cut one (Unaligned).
// Every operation checks the whole range first, so a failed call changes nothing that is visible.
// MapFrames maps a run of pages onto frames that need not be contiguous (the heap's runs), walking down to
// each page table once.
//
// Many address spaces, one kernel half: PML4 entries 256-511 (the kernel half) must be the same in every
// address space, so that a kernel mapping made while one process runs is seen from all of them. That only
// works if each of those PML4 entries points at a PDPT that exists from the start and is never freed:
// new process PML4s then copy the 256 entries once, and every later kernel mapping lands in a shared PDPT
// rather than in a PML4 entry some copy would miss. PreallocateKernelHalf creates them; empty kernel-half
// PDPTs are therefore never released.
//
// It never touches the TLB itself (ITlb does). Thread safety: once UseLock has given it a lock, every
// public operation (translations included, since another CPU may free a table under a walk) runs under
// it; without one (host tests, start-up on one CPU) callers serialise. Other CPUs' TLBs are not shot
// down here: that is the caller's business until the SMP TLB shootdown exists.
using MinimalOS.Kernel.Sync;

namespace MinimalOS.Kernel.Memory.Paging
{
    public sealed unsafe class AddressSpace
    {
        private const int EntriesPerTable = 512;
        private const int KernelHalfFirstEntry = 256;
        private const int Levels = 4;
        private const PageFlags TableFlags = PageFlags.Present | PageFlags.Writable;
        private const PageFlags PermissionFlags = PageFlags.Writable | PageFlags.User;

        private readonly IFrameAllocator _frames;
        private readonly ITlb _tlb;
        private readonly ulong _leafFlagMask;
        private ulong _globalLeaves;
        private DirectMap _directMap;
        private IKernelLock _lock;

        private AddressSpace(PhysicalAddress root, DirectMap directMap, IFrameAllocator frames, ITlb tlb, bool noExecuteSupported)
        {
            Root = root;
            _directMap = directMap;
            _frames = frames;
            _tlb = tlb;
            _leafFlagMask = PageTableEntry.FlagMask & ~(ulong)PageFlags.Huge & (noExecuteSupported ? ulong.MaxValue : ~(ulong)PageFlags.NoExecute);
        }

        /// <summary>
        /// Makes every later leaf Global: for the kernel's space, whose mappings every address space shares, so a
        /// CR3 switch keeps them cached and INVLPG drops them under every PCID (it only reaches the current
        /// PCID's non-global entries).
        /// </summary>
        public void MarkLeavesGlobal() => _globalLeaves = (ulong)PageFlags.Global;

        /// <summary>Physical address of the PML4 (what CR3 holds while this address space runs).</summary>
        public PhysicalAddress Root { get; }

        public DirectMap DirectMap => _directMap;

        /// <summary>A new, empty address space. Without NX support the NoExecute flag is dropped from every mapping
        /// (the bit would be reserved and fault).</summary>
        public static PagingResult TryCreate(DirectMap directMap, IFrameAllocator frames, ITlb tlb, bool noExecuteSupported, out AddressSpace space)
        {
            space = null;
            if (!frames.TryAllocateZeroed(out PhysicalAddress root))
                return PagingResult.OutOfFrames;
            space = new AddressSpace(root, directMap, frames, tlb, noExecuteSupported);
            return PagingResult.Success;
        }

        /// <summary>A view of tables that already exist (for example the ones CR3 points at).</summary>
        public static AddressSpace OverExisting(PhysicalAddress root, DirectMap directMap, IFrameAllocator frames, ITlb tlb, bool noExecuteSupported)
            => new AddressSpace(new PhysicalAddress(root.Value & PageTableEntry.FrameMask), directMap, frames, tlb, noExecuteSupported);

        /// <summary>Reaches the tables through another window onto physical memory (after switching page tables).</summary>
        public void Rebase(DirectMap directMap) => _directMap = directMap;

        /// <summary>
        /// Serialises every later operation with <paramref name="spaceLock"/> (the kernel's address space is
        /// shared by all CPUs). Set once, before a second CPU can reach this space; false if a lock is already set.
        /// </summary>
        public bool UseLock(IKernelLock spaceLock)
        {
            if (_lock is not null || spaceLock is null)
                return false;
            _lock = spaceLock;
            return true;
        }

        /// <summary>Gives every kernel-half PML4 entry its own empty PDPT (see the file header for why).</summary>
        public PagingResult PreallocateKernelHalf()
        {
            Enter();
            PagingResult result = PreallocateKernelHalfLocked();
            Exit();
            return result;
        }

        /// <summary>Maps [virt, virt+size) to [phys, phys+size) with <paramref name="flags"/> (Present is implied).</summary>
        public PagingResult Map(VirtualAddress virt, PhysicalAddress phys, ulong size, PageFlags flags)
        {
            Enter();
            PagingResult result = MapLocked(virt, phys, size, flags);
            Exit();
            return result;
        }

        /// <summary>
        /// Maps <paramref name="count"/> 4 KiB pages from <paramref name="virt"/> to the frames
        /// <paramref name="frames"/>[0..count), which need not be contiguous, walking down to each page table
        /// once rather than once per page. All or nothing, like Map.
        /// </summary>
        public PagingResult MapFrames(VirtualAddress virt, PhysicalAddress* frames, int count, PageFlags flags)
        {
            Enter();
            PagingResult result = MapFramesLocked(virt, frames, count, flags);
            Exit();
            return result;
        }

        /// <summary>Removes the mappings of [virt, virt+size); every page must be mapped. The mapped frames stay
        /// the caller's; page tables left empty go back to the frame allocator.</summary>
        public PagingResult Unmap(VirtualAddress virt, ulong size)
        {
            Enter();
            PagingResult result = UnmapLocked(virt, size);
            Exit();
            return result;
        }

        /// <summary>Gives every page of [virt, virt+size) the flags <paramref name="flags"/> (Present is implied);
        /// every page must be mapped.</summary>
        public PagingResult Protect(VirtualAddress virt, ulong size, PageFlags flags)
        {
            Enter();
            PagingResult result = ProtectLocked(virt, size, flags);
            Exit();
            return result;
        }

        /// <summary>Where <paramref name="virt"/> goes, with the effective permissions of the whole walk.</summary>
        public PagingResult Translate(VirtualAddress virt, out PageMapping mapping)
        {
            Enter();
            PagingResult result = TranslateLocked(virt, out mapping);
            Exit();
            return result;
        }

        private void Enter() => _lock?.Acquire();

        private void Exit() => _lock?.Release();

        private PagingResult PreallocateKernelHalfLocked()
        {
            ulong* pml4 = Table(Root);
            for (int i = KernelHalfFirstEntry; i < EntriesPerTable; i++)
            {
                if (new PageTableEntry(pml4[i]).IsPresent)
                    continue;
                if (!_frames.TryAllocateZeroed(out PhysicalAddress pdpt))
                    return PagingResult.OutOfFrames;
                pml4[i] = new PageTableEntry(pdpt, TableFlags).Raw;
            }
            return PagingResult.Success;
        }

        private PagingResult MapLocked(VirtualAddress virt, PhysicalAddress phys, ulong size, PageFlags flags)
        {
            PagingResult check = CheckRange(virt, size);
            if (check != PagingResult.Success)
                return check;
            if ((phys.Value & (PageSize.Small - 1)) != 0)
                return PagingResult.Unaligned;
            if (phys.Value > PageTableEntry.FrameMask || size - 1 > PageTableEntry.FrameMask - phys.Value + (PageSize.Small - 1))
                return PagingResult.RangeWraps;
            if (!IsWholeRange(virt.Value, size, wantMapped: false))
                return PagingResult.AlreadyMapped;

            ulong done = 0;
            while (done < size)
            {
                ulong v = virt.Value + done;
                ulong p = phys.Value + done;
                bool large = ((v | p) & (PageSize.Large - 1)) == 0 && size - done >= PageSize.Large;
                int level = large ? 2 : 1;
                if (!TryMapOne(v, p, level, flags))
                {
                    var invalidations = new InvalidationBatch(_tlb);
                    ReleaseEmptyTables(v, ref invalidations);
                    invalidations.Flush();
                    if (done > 0)
                        UnmapLocked(virt, done);
                    return PagingResult.OutOfFrames;
                }
                done += Span(level);
            }
            return PagingResult.Success;
        }

        private PagingResult MapFramesLocked(VirtualAddress virt, PhysicalAddress* frames, int count, PageFlags flags)
        {
            if (count <= 0)
                return PagingResult.Unaligned;
            ulong size = (ulong)count * PageSize.Small;
            PagingResult check = CheckRange(virt, size);
            if (check != PagingResult.Success)
                return check;
            for (int i = 0; i < count; i++)
            {
                if ((frames[i].Value & (PageSize.Small - 1)) != 0)
                    return PagingResult.Unaligned;
                if (frames[i].Value > PageTableEntry.FrameMask)
                    return PagingResult.RangeWraps;
            }
            if (!IsWholeRange(virt.Value, size, wantMapped: false))
                return PagingResult.AlreadyMapped;

            ulong* table = null;
            for (int i = 0; i < count; i++)
            {
                ulong v = virt.Value + (ulong)i * PageSize.Small;
                if (table == null || Index(v, 1) == 0)
                {
                    table = TableFor(v, 1, flags);
                    if (table == null)
                    {
                        var invalidations = new InvalidationBatch(_tlb);
                        ReleaseEmptyTables(v, ref invalidations);
                        invalidations.Flush();
                        if (i > 0)
                            UnmapLocked(virt, (ulong)i * PageSize.Small);
                        return PagingResult.OutOfFrames;
                    }
                }
                table[Index(v, 1)] = Leaf(frames[i].Value, 1, flags);
            }
            return PagingResult.Success;
        }

        private PagingResult UnmapLocked(VirtualAddress virt, ulong size)
        {
            PagingResult prepared = PrepareExistingRange(virt, size);
            if (prepared != PagingResult.Success)
                return prepared;
            var invalidations = new InvalidationBatch(_tlb);
            ulong done = 0;
            while (done < size)
            {
                ulong v = virt.Value + done;
                ulong* entry = Walk(v, PageFlags.None, out int level);
                *entry = 0;
                invalidations.Add(v);
                ulong step = Span(level);
                done += step;
                if (done >= size || ((v + step) & (Span(level + 1) - 1)) == 0)
                    ReleaseEmptyTables(v, ref invalidations);
            }
            invalidations.Flush();
            return PagingResult.Success;
        }

        private PagingResult ProtectLocked(VirtualAddress virt, ulong size, PageFlags flags)
        {
            PagingResult prepared = PrepareExistingRange(virt, size);
            if (prepared != PagingResult.Success)
                return prepared;
            var invalidations = new InvalidationBatch(_tlb);
            ulong done = 0;
            while (done < size)
            {
                ulong v = virt.Value + done;
                ulong* entry = Walk(v, flags & PageFlags.User, out int level);
                *entry = Leaf(LeafFrame(*entry, level), level, flags);
                invalidations.Add(v);
                done += Span(level);
            }
            invalidations.Flush();
            return PagingResult.Success;
        }

        private PagingResult TranslateLocked(VirtualAddress virt, out PageMapping mapping)
        {
            mapping = default;
            if (!virt.IsCanonical)
                return PagingResult.NonCanonicalAddress;
            ulong* table = Table(Root);
            ulong allowed = (ulong)PermissionFlags;
            ulong noExecute = 0;
            for (int level = Levels; level >= 1; level--)
            {
                var entry = new PageTableEntry(table[Index(virt.Value, level)]);
                if (!entry.IsPresent)
                    return PagingResult.NotMapped;
                allowed &= entry.Raw;
                noExecute |= entry.Raw & (ulong)PageFlags.NoExecute;
                if (level == 1 || (level <= 3 && entry.IsHuge))
                {
                    ulong span = Span(level);
                    ulong physical = LeafFrame(entry.Raw, level) + (virt.Value & (span - 1));
                    ulong flags = (entry.Raw & PageTableEntry.FlagMask & ~((ulong)PermissionFlags | (ulong)PageFlags.NoExecute)) | allowed | noExecute;
                    mapping = new PageMapping(new PhysicalAddress(physical), span, (PageFlags)flags);
                    return PagingResult.Success;
                }
                table = Table(entry.Frame);
            }
            return PagingResult.NotMapped;
        }

        private static PagingResult CheckRange(VirtualAddress virt, ulong size)
        {
            if (!virt.IsCanonical)
                return PagingResult.NonCanonicalAddress;
            if (!virt.IsPageAligned || size == 0 || (size & (PageSize.Small - 1)) != 0)
                return PagingResult.Unaligned;
            if (size - 1 > ulong.MaxValue - virt.Value)
                return PagingResult.RangeWraps;
            var last = new VirtualAddress(virt.Value + size - 1);
            if (!last.IsCanonical || (virt.Value < KernelMemoryLayout.UserEnd) != (last.Value < KernelMemoryLayout.UserEnd))
                return PagingResult.RangeWraps;
            return PagingResult.Success;
        }

        // Checks that the range is wholly mapped, then splits 2 MiB pages it covers only partly, so that the
        // caller can treat every leaf it meets as wholly inside the range.
        private PagingResult PrepareExistingRange(VirtualAddress virt, ulong size)
        {
            PagingResult check = CheckRange(virt, size);
            if (check != PagingResult.Success)
                return check;
            if (!IsWholeRange(virt.Value, size, wantMapped: true))
                return PagingResult.NotMapped;
            ulong end = virt.Value + size;
            PagingResult split = SplitIfCut(virt.Value, virt.Value);
            if (split == PagingResult.Success && end != 0)
                split = SplitIfCut(end - 1, end);
            return split;
        }

        // True when every page of the range is mapped (wantMapped) or every page is unmapped (!wantMapped).
        // Skips whole non-present or huge entries at once.
        private bool IsWholeRange(ulong start, ulong size, bool wantMapped)
        {
            ulong done = 0;
            while (done < size)
            {
                ulong v = start + done;
                ulong* entry = Walk(v, PageFlags.None, out int level);
                if (new PageTableEntry(*entry).IsPresent != wantMapped)
                    return false;
                ulong step = Span(level) - (v & (Span(level) - 1));
                if (step >= size - done)
                    return true;
                done += step;
            }
            return true;
        }

        // If the leaf containing `inside` is a large page and `boundary` does not fall on its edge, replaces
        // it with a page table of 512 small pages that translate exactly as before.
        private PagingResult SplitIfCut(ulong inside, ulong boundary)
        {
            ulong* entry = Walk(inside, PageFlags.None, out int level);
            if (level == 1 || (boundary & (Span(level) - 1)) == 0)
                return PagingResult.Success;
            if (level != 2)
                return PagingResult.Unaligned;
            if (!_frames.TryAllocateZeroed(out PhysicalAddress tableFrame))
                return PagingResult.OutOfFrames;
            var large = new PageTableEntry(*entry);
            ulong frame = LeafFrame(large.Raw, 2);
            var smallFlags = (PageFlags)(large.Raw & PageTableEntry.FlagMask & ~(ulong)PageFlags.Huge);
            ulong* table = Table(tableFrame);
            for (int i = 0; i < EntriesPerTable; i++)
                table[i] = new PageTableEntry(new PhysicalAddress(frame + (ulong)i * PageSize.Small), smallFlags).Raw;
            *entry = new PageTableEntry(tableFrame, TableFlags | (smallFlags & PageFlags.User)).Raw;
            ulong page = PageSize.AlignDown(inside, PageSize.Large);
            _tlb.Invalidate(new System.ReadOnlySpan<ulong>(&page, 1));
            return PagingResult.Success;
        }

        private bool TryMapOne(ulong virt, ulong phys, int targetLevel, PageFlags flags)
        {
            ulong* table = TableFor(virt, targetLevel, flags);
            if (table == null)
                return false;
            table[Index(virt, targetLevel)] = Leaf(phys, targetLevel, flags);
            return true;
        }

        // The table at `targetLevel` that holds the entry for `virt`, creating the tables above it as needed
        // (granting User to them when `flags` has it); null when a table frame is missing.
        private ulong* TableFor(ulong virt, int targetLevel, PageFlags flags)
        {
            ulong* table = Table(Root);
            for (int level = Levels; level > targetLevel; level--)
            {
                ulong* entry = table + Index(virt, level);
                if (!new PageTableEntry(*entry).IsPresent)
                {
                    if (!_frames.TryAllocateZeroed(out PhysicalAddress next))
                        return null;
                    *entry = new PageTableEntry(next, TableFlags).Raw;
                }
                *entry |= (ulong)(flags & PageFlags.User);
                table = Table(new PageTableEntry(*entry).Frame);
            }
            return table;
        }

        // The entry that maps `virt`: a present leaf (a level-1 entry, or a huge one higher up) or the first
        // non-present entry on the way down. Grants `intermediateGrant` (User) to the tables passed through.
        private ulong* Walk(ulong virt, PageFlags intermediateGrant, out int level)
        {
            ulong* table = Table(Root);
            for (level = Levels; ; level--)
            {
                ulong* entry = table + Index(virt, level);
                var current = new PageTableEntry(*entry);
                if (level == 1 || !current.IsPresent || (level <= 3 && current.IsHuge))
                    return entry;
                *entry |= (ulong)intermediateGrant;
                table = Table(current.Frame);
            }
        }

        // Walks down to `virt` and, from the lowest table up, frees tables that hold no entry any more. The
        // PML4 and the shared kernel-half PDPTs are never freed. Pending invalidations are flushed before a
        // table's frame is freed: no CPU may still walk through it.
        private void ReleaseEmptyTables(ulong virt, ref InvalidationBatch invalidations)
        {
            ulong** parents = stackalloc ulong*[Levels + 1];
            ulong* table = Table(Root);
            int level = Levels;
            for (; level > 1; level--)
            {
                ulong* entry = table + Index(virt, level);
                var current = new PageTableEntry(*entry);
                if (!current.IsPresent || current.IsHuge)
                    break;
                parents[level] = entry;
                table = Table(current.Frame);
            }
            for (int child = level; child < Levels; child++)
            {
                ulong* parentEntry = parents[child + 1];
                if (child + 1 == Levels && Index(virt, Levels) >= KernelHalfFirstEntry)
                    return;
                var parent = new PageTableEntry(*parentEntry);
                if (!IsEmpty(Table(parent.Frame)))
                    return;
                *parentEntry = 0;
                invalidations.Add(virt);
                invalidations.Flush();
                _frames.Free(parent.Frame);
            }
        }

        private static bool IsEmpty(ulong* table)
        {
            for (int i = 0; i < EntriesPerTable; i++)
            {
                if (table[i] != 0)
                    return false;
            }
            return true;
        }

        private ulong Leaf(ulong phys, int level, PageFlags flags)
        {
            ulong bits = ((ulong)flags & _leafFlagMask) | (ulong)PageFlags.Present | _globalLeaves;
            if (level > 1)
                bits |= (ulong)PageFlags.Huge;
            return (phys & PageTableEntry.FrameMask) | bits;
        }

        private static ulong LeafFrame(ulong raw, int level) => raw & PageTableEntry.FrameMask & ~(Span(level) - 1);

        private ulong* Table(PhysicalAddress frame) => (ulong*)_directMap.ToPointer(frame);

        private static int Index(ulong virt, int level) => (int)((virt >> (12 + 9 * (level - 1))) & (EntriesPerTable - 1));

        private static ulong Span(int level) => 1UL << (12 + 9 * (level - 1));
    }
}
