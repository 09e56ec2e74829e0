// The kernel heap's allocator: small objects from size-classed slabs (one page each, see HeapSizeClasses),
// large ones from whole page runs with a LargeBlockHeader; it grows by asking its page source for pages and
// gives pages back when they empty. Every block is 16-byte aligned and zeroed when handed out (the corelib
// relies on zeroed objects). Free finds a block's page header in O(1) by rounding down to the page.
//
// Rules (read before calling it from anywhere new):
// - No lock of its own (portable and host-testable): the kernel's wrapper, KernelHeap, holds its SMP lock
//   around every entry point (per-CPU caches may come later).
// - Nothing in an interrupt or exception handler allocates or frees: an interrupted Allocate/Free would
//   leave the lists half-updated for the handler to trip over.
// - It never calls the logger, the panic path or anything that could allocate: faults are recorded
//   (LastFault, FaultCount) and returned, and callers report them once the heap is consistent again. Its
//   only outgoing calls are to the page source, which must not allocate from this heap (no recursion).
// - Structural checks (outside the heap, not a block start, double free) are always on: they cost a few
//   compares. Debug checks add poisoning of free objects and a check of the poison on reuse.
// - One empty slab is kept per class so an alloc/free pair at the edge of a slab does not turn a page over
//   every time. Further empty slab pages and freed large blocks stay mapped in a bounded PageRunCache and
//   are reused by later slabs and large blocks of the same page count: giving pages back to the frame tier
//   unmaps them, a TLB shootdown to every CPU. Runs the cache refuses (too long, cache full) go back at
//   once; Trim gives back everything kept, and an allocation the page source cannot serve trims and retries.
// - A freed run is no longer unmapped while cached, so a stale pointer into it no longer faults: debug
//   checks poison cached runs and check the poison on reuse (WriteAfterFree), as they do for slab objects.
//
// A struct, generic over its page source, so the kernel can keep it in a static field without allocating
// (it is what allocation is built on) and calls to the page source are direct, not interface dispatch.
namespace MinimalOS.Kernel.Memory.Heap
{
    public unsafe struct SlabHeap<TPageSource> where TPageSource : struct, IHeapPageSource
    {
        /// <summary>Requests larger than this fail (null) rather than overflow page counts; 1 GiB.</summary>
        public const ulong MaxAllocationSize = 1UL << 30;
        public const int RetainedEmptySlabsPerClass = 1;
        /// <summary>Most pages of freed runs kept mapped for reuse, and the longest run kept (PageRunCache).</summary>
        public const int CachedPageLimit = PageRunCache.PageLimit;
        public const int CachedRunMaxPages = PageRunCache.MaxRunPages;

        private TPageSource _pages;
        private SizeClassTable _classes;
        private PageRunCache _cache;
        private readonly bool _debugChecks;
        private int _largeBlocks;
        private ulong _largeBytes;
        private long _pagesHeld;
        private long _peakPagesHeld;
        private ulong _bytesInUse;
        private ulong _peakBytesInUse;
        private ulong _faultCount;
        private HeapFault _lastFault;
        private VirtualAddress _lastFaultAddress;

        public SlabHeap(TPageSource pages, bool debugChecks)
        {
            _pages = pages;
            _classes = default;
            _cache = default;
            _debugChecks = debugChecks;
            _largeBlocks = 0;
            _largeBytes = 0;
            _pagesHeld = 0;
            _peakPagesHeld = 0;
            _bytesInUse = 0;
            _peakBytesInUse = 0;
            _faultCount = 0;
            _lastFault = HeapFault.None;
            _lastFaultAddress = default;
        }

        public bool DebugChecks => _debugChecks;

        /// <summary>Faults seen since construction; a caller compares it before and after a call to see whether to report.</summary>
        public ulong FaultCount => _faultCount;
        public HeapFault LastFault => _lastFault;
        public VirtualAddress LastFaultAddress => _lastFaultAddress;

        public int LiveObjects(int sizeClass) => _classes.LiveObjects[sizeClass];
        public int Slabs(int sizeClass) => _classes.Slabs[sizeClass];
        public int EmptySlabs(int sizeClass) => _classes.EmptySlabs[sizeClass];
        public int LargeBlocks => _largeBlocks;
        public ulong LargeBytes => _largeBytes;

        /// <summary>Freed runs kept mapped for reuse, and their pages (part of PagesHeld).</summary>
        public int CachedRuns => _cache.Runs;
        public int CachedPages => _cache.Pages;

        /// <summary>Bytes handed out and not freed: small objects at their class size, large blocks as requested.</summary>
        public ulong BytesInUse => _bytesInUse;
        public ulong PeakBytesInUse => _peakBytesInUse;
        public long PagesHeld => _pagesHeld;
        public long PeakPagesHeld => _peakPagesHeld;

        /// <summary>The heap's page source, e.g. to attach more memory to it; static because a struct cannot hand out a reference to its own field.</summary>
        public static ref TPageSource PageSourceOf(ref SlabHeap<TPageSource> heap) => ref heap._pages;

        /// <summary>Zeroed, 16-byte aligned memory of at least <paramref name="size"/> bytes, or null when the page source is exhausted.</summary>
        public void* Allocate(nuint size)
        {
            int sizeClass = HeapSizeClasses.ForSize(size == 0 ? 1 : size);
            return sizeClass >= 0 ? AllocateSmall(sizeClass) : AllocateLarge(size);
        }

        /// <summary>
        /// Frees a block from Allocate. Null is ignored. Anything else that is not a live block is left alone
        /// and reported as the returned fault (also recorded in LastFault).
        /// </summary>
        public HeapFault Free(void* block)
        {
            if (block == null)
                return HeapFault.None;
            var address = VirtualAddress.Of(block);
            if (!_pages.Contains(address))
                return Record(HeapFault.OutsideHeap, address);
            byte* page = (byte*)PageSize.AlignDown(address.Value, PageSize.Small);
            ulong tag = *(ulong*)page;
            if (tag == SlabHeader.TagFor(page))
                return FreeSmall((SlabHeader*)page, (byte*)block);
            if (tag == LargeBlockHeader.TagFor(page) && (byte*)block == page + LargeBlockHeader.Size)
                return FreeLarge((LargeBlockHeader*)page);
            if (tag == CachedRunHeader.TagFor(page) && (byte*)block == page + LargeBlockHeader.Size)
                return Record(HeapFault.DoubleFree, address);
            return Record(HeapFault.NotABlock, address);
        }

        /// <summary>Gives every empty slab and every cached run kept for reuse back to the page source.</summary>
        public void Trim()
        {
            ReleaseEmptySlabs();
            ReturnCachedRuns();
        }

        private void ReleaseEmptySlabs()
        {
            for (int sizeClass = 0; sizeClass < HeapSizeClasses.Count; sizeClass++)
            {
                var slab = (SlabHeader*)_classes.PartialSlabs[sizeClass];
                while (slab != null)
                {
                    SlabHeader* next = slab->Next;
                    if (slab->LiveObjects == 0)
                        ReleaseSlab(slab);
                    slab = next;
                }
            }
        }

        private void* AllocateSmall(int sizeClass)
        {
            var slab = (SlabHeader*)_classes.PartialSlabs[sizeClass];
            if (slab == null)
            {
                slab = NewSlab(sizeClass);
                if (slab == null)
                    return null;
            }
            int index = slab->FirstFree();
            int size = HeapSizeClasses.SizeOf(sizeClass);
            byte* block = (byte*)slab + HeapSizeClasses.SlabHeaderSize + index * size;
            slab->SetLive(index);
            if (slab->LiveObjects++ == 0)
                _classes.EmptySlabs[sizeClass]--;
            if (slab->LiveObjects == slab->Capacity)
                Unlink(slab);
            _classes.LiveObjects[sizeClass]++;
            AddBytes((ulong)size);
            if (_debugChecks && !HeapPoison.IsIntact(block, size))
                Record(HeapFault.WriteAfterFree, VirtualAddress.Of(block));
            HeapZeroing.Zero(block, (nuint)size);
            return block;
        }

        private HeapFault FreeSmall(SlabHeader* slab, byte* block)
        {
            int sizeClass = slab->SizeClass;
            int size = HeapSizeClasses.SizeOf(sizeClass);
            long offset = block - ((byte*)slab + HeapSizeClasses.SlabHeaderSize);
            if (offset < 0 || offset % size != 0 || offset / size >= slab->Capacity)
                return Record(HeapFault.NotABlock, VirtualAddress.Of(block));
            int index = (int)(offset / size);
            if (!slab->IsLive(index))
                return Record(HeapFault.DoubleFree, VirtualAddress.Of(block));
            slab->ClearLive(index);
            if (slab->LiveObjects-- == slab->Capacity)
                PushPartial(slab);
            _classes.LiveObjects[sizeClass]--;
            _bytesInUse -= (ulong)size;
            if (_debugChecks)
                HeapPoison.Fill(block, size);
            if (slab->LiveObjects == 0)
            {
                _classes.EmptySlabs[sizeClass]++;
                if (_classes.EmptySlabs[sizeClass] > RetainedEmptySlabsPerClass)
                    ReleaseSlab(slab);
            }
            return HeapFault.None;
        }

        private SlabHeader* NewSlab(int sizeClass)
        {
            var slab = (SlabHeader*)TakeRun(1);
            if (slab == null)
                return null;
            HeapZeroing.Zero((byte*)slab, HeapSizeClasses.SlabHeaderSize);
            slab->Tag = SlabHeader.TagFor(slab);
            slab->SizeClass = (ushort)sizeClass;
            slab->Capacity = (ushort)HeapSizeClasses.ObjectsPerSlab(sizeClass);
            if (_debugChecks)
                HeapPoison.Fill((byte*)slab + HeapSizeClasses.SlabHeaderSize, HeapSizeClasses.SlabPayloadSize);
            PushPartial(slab);
            _classes.Slabs[sizeClass]++;
            _classes.EmptySlabs[sizeClass]++;
            return slab;
        }

        private void ReleaseSlab(SlabHeader* slab)
        {
            int sizeClass = slab->SizeClass;
            Unlink(slab);
            _classes.Slabs[sizeClass]--;
            _classes.EmptySlabs[sizeClass]--;
            Retire((byte*)slab, 1);
        }

        private void* AllocateLarge(nuint size)
        {
            if ((ulong)size > MaxAllocationSize)
                return null;
            ulong bytes = (ulong)size + LargeBlockHeader.Size;
            int pageCount = (int)((bytes + PageSize.Small - 1) / PageSize.Small);
            var header = (LargeBlockHeader*)TakeRun(pageCount);
            if (header == null)
                return null;
            header->Tag = LargeBlockHeader.TagFor(header);
            header->PageCount = (uint)pageCount;
            header->RequestedBytes = (uint)size;
            byte* block = (byte*)header + LargeBlockHeader.Size;
            // Round up to 8 so zeroing covers the tail in whole words; the page run always has room for it.
            HeapZeroing.Zero(block, (size + 7) & ~(nuint)7);
            _largeBlocks++;
            _largeBytes += size;
            AddBytes(size);
            return block;
        }

        private HeapFault FreeLarge(LargeBlockHeader* header)
        {
            int pageCount = (int)header->PageCount;
            _largeBlocks--;
            _largeBytes -= header->RequestedBytes;
            _bytesInUse -= header->RequestedBytes;
            Retire((byte*)header, pageCount);
            return HeapFault.None;
        }

        // A run for a new slab or large block: a cached one of that length, else new pages from the source,
        // else - the source is dry - the same after giving the cache's runs back (they may be what it lacks).
        private byte* TakeRun(int pageCount)
        {
            byte* run = _cache.TryTake(pageCount);
            if (run != null)
            {
                if (_debugChecks && !HeapPoison.IsIntact(run + CachedRunHeader.Size, CachedBytes(pageCount)))
                    Record(HeapFault.WriteAfterFree, VirtualAddress.Of(run + CachedRunHeader.Size));
                return run;
            }
            if (!_pages.TryAllocatePages(pageCount, out VirtualAddress start))
            {
                if (_cache.Runs == 0)
                    return null;
                ReturnCachedRuns();
                if (!_pages.TryAllocatePages(pageCount, out start))
                    return null;
            }
            AddPages(pageCount);
            return (byte*)start.ToPointer();
        }

        // Where a run goes when the heap no longer uses it: the cache if it takes it, else the page source.
        private void Retire(byte* run, int pageCount)
        {
            if (_cache.TryAdd(run, pageCount))
            {
                if (_debugChecks)
                    HeapPoison.Fill(run + CachedRunHeader.Size, CachedBytes(pageCount));
                return;
            }
            *(ulong*)run = 0;
            _pagesHeld -= pageCount;
            _pages.FreePages(VirtualAddress.Of(run), pageCount);
        }

        private void ReturnCachedRuns()
        {
            byte* run;
            while ((run = _cache.TakeLongest(out int pageCount)) != null)
            {
                _pagesHeld -= pageCount;
                _pages.FreePages(VirtualAddress.Of(run), pageCount);
            }
        }

        private static int CachedBytes(int pageCount) => pageCount * (int)PageSize.Small - CachedRunHeader.Size;

        private void PushPartial(SlabHeader* slab)
        {
            var head = (SlabHeader*)_classes.PartialSlabs[slab->SizeClass];
            slab->Previous = null;
            slab->Next = head;
            if (head != null)
                head->Previous = slab;
            _classes.PartialSlabs[slab->SizeClass] = (ulong)slab;
        }

        private void Unlink(SlabHeader* slab)
        {
            if (slab->Previous != null)
                slab->Previous->Next = slab->Next;
            else
                _classes.PartialSlabs[slab->SizeClass] = (ulong)slab->Next;
            if (slab->Next != null)
                slab->Next->Previous = slab->Previous;
            slab->Next = null;
            slab->Previous = null;
        }

        private void AddBytes(ulong bytes)
        {
            _bytesInUse += bytes;
            if (_bytesInUse > _peakBytesInUse)
                _peakBytesInUse = _bytesInUse;
        }

        private void AddPages(int count)
        {
            _pagesHeld += count;
            if (_pagesHeld > _peakPagesHeld)
                _peakPagesHeld = _pagesHeld;
        }

        private HeapFault Record(HeapFault fault, VirtualAddress address)
        {
            _faultCount++;
            _lastFault = fault;
            _lastFaultAddress = address;
            return fault;
        }
    }
}
