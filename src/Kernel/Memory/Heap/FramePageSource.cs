// Heap pages built from physical frames: each page comes from the IFrameAllocator and is mapped by an
// IHeapPageMapper into a virtual range reserved for the heap (KernelMemoryLayout.HeapBase/HeapSize in the
// kernel) up to ChunkPages at a time (one page-table walk per table); freeing unmaps them (up to
// ChunkPages in one change, so one TLB shootdown) and returns their frames, so memory the heap no longer needs goes back to the whole system. The kernel heap grows from it once the frame allocator and page tables exist
// (KernelHeap.AttachFrames, through KernelPageSource); before that only the boot region serves.
//
// Virtual space: handed out from a cursor that only grows; freed runs go to a small table (merged with
// neighbours, reused first-fit) so virtual space is recycled. If the table is full a freed run's virtual
// space is dropped (its frames are still returned) and counted in LeakedVirtualPages: with a 1 TiB range
// that costs address space only. A partial failure (frames or table frames run out mid-run) undoes
// everything it did before returning false. Frees of runs it did not hand out are counted, never trusted.
// Freed pages are unmapped, so a stale pointer into one makes the heap's header read page-fault (a panic)
// instead of being reported as a heap fault. Its dependencies must not allocate from the heap; it runs
// under the heap's lock (KernelHeap), and its mapper and frames take their own locks inside it.
namespace MinimalOS.Kernel.Memory.Heap
{
    public unsafe struct FramePageSource : IHeapPageSource
    {
        public const int FreeRunCapacity = 64;
        /// <summary>Pages mapped in one call, and unmapped in one change (one TLB shootdown) when a run is given back.</summary>
        public const int ChunkPages = 64;

        private readonly IFrameAllocator _frames;
        private readonly IHeapPageMapper _mapper;
        private readonly ulong _rangeStart;
        private readonly ulong _rangePages;
        private ulong _cursorPages;
        private int _freeRunCount;
        private fixed ulong _freeRunStart[FreeRunCapacity];
        private fixed ulong _freeRunPages[FreeRunCapacity];

        /// <summary>Serves pages of [rangeStart, rangeStart + rangeSize); the range must be page-aligned and otherwise unused.</summary>
        public FramePageSource(IFrameAllocator frames, IHeapPageMapper mapper, VirtualAddress rangeStart, ulong rangeSize)
        {
            _frames = frames;
            _mapper = mapper;
            _rangeStart = rangeStart.Value;
            _rangePages = rangeStart.IsPageAligned ? rangeSize / PageSize.Small : 0;
            _cursorPages = 0;
            _freeRunCount = 0;
            PagesMapped = 0;
            LeakedVirtualPages = 0;
            InvalidFrees = 0;
        }

        public long PagesMapped { get; private set; }
        public long LeakedVirtualPages { get; private set; }
        public int InvalidFrees { get; private set; }

        public bool TryAllocatePages(int count, out VirtualAddress start)
        {
            start = default;
            if (count <= 0 || !TryReserve((ulong)count, out ulong first))
                return false;
            PhysicalAddress* frames = stackalloc PhysicalAddress[ChunkPages];
            for (int done = 0; done < count; done += ChunkPages)
            {
                int chunk = count - done < ChunkPages ? count - done : ChunkPages;
                int allocated = 0;
                while (allocated < chunk && _frames.TryAllocate(out frames[allocated]))
                    allocated++;
                if (allocated < chunk || !_mapper.TryMapRun(PageAt(first + (ulong)done), frames, chunk))
                {
                    for (int i = 0; i < allocated; i++)
                        _frames.Free(frames[i]);
                    Undo(first, done, count);
                    return false;
                }
            }
            PagesMapped += count;
            start = PageAt(first);
            return true;
        }

        public void FreePages(VirtualAddress start, int count)
        {
            if (count <= 0 || !start.IsPageAligned || !Contains(start)
                || (start.Value - _rangeStart) / PageSize.Small + (ulong)count > _cursorPages)
            {
                InvalidFrees++;
                return;
            }
            ulong first = (start.Value - _rangeStart) / PageSize.Small;
            int unmapped = UnmapAndReturnFrames(first, count);
            if (unmapped != count)
                InvalidFrees++;
            PagesMapped -= unmapped;
            Release(first, (ulong)count);
        }

        /// <summary>Only the part of the range handed out so far counts: nothing above the cursor was ever mapped.</summary>
        public bool Contains(VirtualAddress address) =>
            address.Value >= _rangeStart && (address.Value - _rangeStart) / PageSize.Small < _cursorPages;

        private VirtualAddress PageAt(ulong pageIndex) => new VirtualAddress(_rangeStart + pageIndex * PageSize.Small);

        private void Undo(ulong first, int mappedPages, int reservedPages)
        {
            UnmapAndReturnFrames(first, mappedPages);
            Release(first, (ulong)reservedPages);
        }

        // A run at a time where it can (one shootdown per chunk instead of one per page); page by page when a
        // chunk is not wholly mapped, so whatever is mapped still comes back.
        private int UnmapAndReturnFrames(ulong first, int count)
        {
            PhysicalAddress* frames = stackalloc PhysicalAddress[ChunkPages];
            int unmapped = 0;
            for (int done = 0; done < count; done += ChunkPages)
            {
                int chunk = count - done < ChunkPages ? count - done : ChunkPages;
                ulong chunkFirst = first + (ulong)done;
                if (_mapper.TryUnmapRun(PageAt(chunkFirst), chunk, frames))
                {
                    for (int i = 0; i < chunk; i++)
                        _frames.Free(frames[i]);
                    unmapped += chunk;
                    continue;
                }
                for (int i = 0; i < chunk; i++)
                {
                    if (_mapper.TryUnmap(PageAt(chunkFirst + (ulong)i), out PhysicalAddress frame))
                    {
                        _frames.Free(frame);
                        unmapped++;
                    }
                }
            }
            return unmapped;
        }

        private bool TryReserve(ulong pages, out ulong first)
        {
            for (int i = 0; i < _freeRunCount; i++)
            {
                if (_freeRunPages[i] >= pages)
                {
                    first = _freeRunStart[i];
                    _freeRunStart[i] += pages;
                    _freeRunPages[i] -= pages;
                    if (_freeRunPages[i] == 0)
                        RemoveRun(i);
                    return true;
                }
            }
            first = _cursorPages;
            if (pages > _rangePages - _cursorPages)
                return false;
            _cursorPages += pages;
            return true;
        }

        // Gives virtual pages back: to the cursor when they are its top, else into the sorted run table.
        private void Release(ulong first, ulong pages)
        {
            if (pages == 0)
                return;
            int index = 0;
            while (index < _freeRunCount && _freeRunStart[index] < first)
                index++;
            bool joinsPrevious = index > 0 && _freeRunStart[index - 1] + _freeRunPages[index - 1] == first;
            bool joinsNext = index < _freeRunCount && first + pages == _freeRunStart[index];
            if (joinsPrevious && joinsNext)
            {
                _freeRunPages[index - 1] += pages + _freeRunPages[index];
                RemoveRun(index);
                index--;
            }
            else if (joinsPrevious)
            {
                _freeRunPages[--index] += pages;
            }
            else if (joinsNext)
            {
                _freeRunStart[index] = first;
                _freeRunPages[index] += pages;
            }
            else if (_freeRunCount < FreeRunCapacity)
            {
                for (int i = _freeRunCount; i > index; i--)
                {
                    _freeRunStart[i] = _freeRunStart[i - 1];
                    _freeRunPages[i] = _freeRunPages[i - 1];
                }
                _freeRunStart[index] = first;
                _freeRunPages[index] = pages;
                _freeRunCount++;
            }
            else if (first + pages != _cursorPages)
            {
                LeakedVirtualPages += (long)pages;
                return;
            }
            else
            {
                _cursorPages = first;
                return;
            }
            // A run that now reaches the cursor folds back into it.
            if (_freeRunStart[index] + _freeRunPages[index] == _cursorPages)
            {
                _cursorPages = _freeRunStart[index];
                RemoveRun(index);
            }
        }

        private void RemoveRun(int index)
        {
            for (int i = index; i < _freeRunCount - 1; i++)
            {
                _freeRunStart[i] = _freeRunStart[i + 1];
                _freeRunPages[i] = _freeRunPages[i + 1];
            }
            _freeRunCount--;
        }
    }
}
