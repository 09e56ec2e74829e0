// The physical memory manager: hands out 4 KiB frames of usable RAM, singly or as aligned contiguous runs.
//
// Design: two bitmaps with one bit per frame from address 0 to the end of the highest usable region.
// "Unavailable" (allocated or reserved) is the one searched, a 64-bit word at a time; "reserved" is read
// only to check frees, so a free of a reserved frame is told apart from a double free in O(1). Holes in
// the map are simply reserved bits: 8 GiB costs 512 KiB of bitmaps, so a bitmap beats a free list (no
// per-frame metadata in the frames themselves, no need to touch a frame to free it, cheap contiguous
// search) and is simpler than a buddy allocator at the sizes this kernel needs. Single frames are
// first-fit with a hint: no free frame lies below the hint, so the search starts there instead of rescanning
// the full low end; a free moves the hint down. Better than next-fit here: a frame just freed is handed out
// again first (still in cache), memory stays compact, and the high end keeps the large free runs that
// contiguous requests (first-fit from the same hint) need.
//
// Storage: the bitmaps live in usable RAM chosen by BitmapPlacement and are reached through a DirectMap.
// Accessibility: the allocator hands out only frames below AccessibleEnd, because callers (page tables,
// heap, TryAllocateZeroed itself) write to frames through the direct map. At boot the direct map is the
// stub's identity map of the first 4 GiB, so AccessibleEnd starts at 4 GiB and frames above are tracked
// but kept back; once the kernel's own direct map covers all RAM, the kernel calls Rebase with the new
// map and then RaiseAccessibleEnd.
//
// Errors: exhaustion and impossible requests return false, never loop. A bad free (misaligned, outside,
// reserved, already free) is refused whole: the bitmaps are not touched, an error line names the address,
// FreeErrors counts it, and the result says why. Only the first LoggedFreeErrors are logged (then one line
// saying the rest are only counted), so a caller stuck in a bad-free loop cannot flood the log.
//
// Locking: none here (portable, host-tested). The kernel reaches it only through LockedFrameAllocator
// (KernelAddressSpace.Frames), whose IRQ-safe lock serialises every CPU and keeps interrupt handlers from
// seeing half-updated bitmaps; only start-up, before any other CPU runs, uses it directly.
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Logging;

namespace MinimalOS.Kernel.Memory.Physical
{
    public sealed unsafe class FrameAllocator : IFrameAllocator, IContiguousFrameAllocator
    {
        public const ulong FrameSize = PageSize.Small;

        /// <summary>Below 1 MiB: real-mode IVT, BIOS data, EBDA, option ROMs; frame 0 is never handed out.</summary>
        public const ulong LowMemoryEnd = 0x10_0000;

        public const ulong FourGiB = 4UL << 30;

        /// <summary>Refused frees logged one by one; later ones are only counted in FreeErrors.</summary>
        public const ulong LoggedFreeErrors = 8;

        private const ulong LowMemoryFrames = LowMemoryEnd / FrameSize;

        private readonly ulong _frameCount;
        private readonly ulong _reservedFrames;
        private DirectMap _directMap;
        private FrameBitmap _unavailable;
        private FrameBitmap _reserved;
        private ulong _accessibleFrames;
        private ulong _lowestFreeHint;
        private ulong _freeFrames;

        private FrameAllocator(MemoryMap map, ReservedRanges reserved, DirectMap directMap, ulong accessibleEnd, ulong frameCount, PhysicalAddress bitmapStart, ulong bitmapBytes)
        {
            _frameCount = frameCount;
            _directMap = directMap;
            BitmapStart = bitmapStart;
            BitmapBytes = bitmapBytes;
            ulong words = FrameBitmap.WordsFor(frameCount);
            ulong* storage = (ulong*)directMap.ToPointer(bitmapStart);
            _unavailable = new FrameBitmap(storage, frameCount);
            _reserved = new FrameBitmap(storage + words, frameCount);

            // Everything starts reserved (holes, and the tail bits past the last frame, stay that way);
            // usable regions open up, then the reserved ranges close again.
            for (ulong w = 0; w < 2 * words; w++)
                storage[w] = ulong.MaxValue;
            for (int i = 0; i < map.Count; i++)
            {
                MemoryRegion region = map[i];
                if (region.Kind != MemoryKind.Usable || !PageSize.TryAlignUp(region.Base.Value, FrameSize, out ulong first))
                    continue;
                ulong end = PageSize.AlignDown(region.End, FrameSize);
                if (end > first)
                {
                    _unavailable.ClearRange(first / FrameSize, end / FrameSize);
                    _reserved.ClearRange(first / FrameSize, end / FrameSize);
                }
            }
            Reserve(0, LowMemoryFrames);
            for (int i = 0; i < reserved.Count; i++)
                Reserve(reserved.Start(i).Value / FrameSize, FramesCovering(reserved.End(i)));
            Reserve(bitmapStart.Value / FrameSize, (bitmapStart.Value + bitmapBytes) / FrameSize);

            _reservedFrames = _reserved.CountSet(0, frameCount);
            _freeFrames = frameCount - _reservedFrames;
            ulong accessible = accessibleEnd / FrameSize;
            _accessibleFrames = accessible < frameCount ? accessible : frameCount;
            _lowestFreeHint = LowMemoryFrames;
        }

        /// <summary>
        /// Builds the allocator over the usable regions of <paramref name="map"/> minus <paramref name="reserved"/>,
        /// writing its bitmaps into usable RAM below <paramref name="accessibleEnd"/> through <paramref name="directMap"/>.
        /// False (with the reason) when there is no usable memory or no room for the bitmaps.
        /// </summary>
        public static bool TryCreate(MemoryMap map, ReservedRanges reserved, DirectMap directMap, PhysicalAddress accessibleEnd, out FrameAllocator allocator, out string whyNot)
        {
            allocator = null;
            ulong managedEnd = 0;
            for (int i = 0; i < map.Count; i++)
            {
                ulong end = PageSize.AlignDown(map[i].End, FrameSize);
                if (map[i].Kind == MemoryKind.Usable && end > managedEnd)
                    managedEnd = end;
            }
            if (managedEnd <= LowMemoryEnd)
            {
                whyNot = "the memory map has no usable RAM above 1 MiB";
                return false;
            }
            ulong frameCount = managedEnd / FrameSize;
            ulong bitmapBytes = 2 * FrameBitmap.WordsFor(frameCount) * sizeof(ulong);
            PageSize.TryAlignUp(bitmapBytes, FrameSize, out bitmapBytes);
            if (!BitmapPlacement.TryFind(map, reserved, bitmapBytes, LowMemoryEnd, accessibleEnd.Value, out PhysicalAddress bitmapStart))
            {
                whyNot = "no free usable run below the accessible end is large enough for the frame bitmaps";
                return false;
            }
            allocator = new FrameAllocator(map, reserved, directMap, accessibleEnd.Value, frameCount, bitmapStart, bitmapBytes);
            whyNot = null;
            return true;
        }

        public PhysicalAddress BitmapStart { get; }

        /// <summary>Both bitmaps together, rounded up to whole frames.</summary>
        public ulong BitmapBytes { get; }

        /// <summary>First address past the highest managed frame.</summary>
        public PhysicalAddress ManagedEnd => new PhysicalAddress(_frameCount * FrameSize);

        /// <summary>Frames at or above this are tracked but not handed out (not reachable through the direct map yet).</summary>
        public PhysicalAddress AccessibleEnd => new PhysicalAddress(_accessibleFrames * FrameSize);

        public DirectMap DirectMap => _directMap;

        /// <summary>Refused frees so far (each also logged at error level).</summary>
        public ulong FreeErrors { get; private set; }

        public FrameStatistics Statistics =>
            new FrameStatistics(_frameCount, _frameCount - _freeFrames - _reservedFrames, _freeFrames, _reservedFrames);

        /// <summary>Reaches the bitmaps through <paramref name="newMap"/> from now on (the physical storage does not move).</summary>
        public void Rebase(DirectMap newMap)
        {
            ulong* storage = (ulong*)newMap.ToPointer(BitmapStart);
            _unavailable.Rebase(storage);
            _reserved.Rebase(storage + FrameBitmap.WordsFor(_frameCount));
            _directMap = newMap;
        }

        /// <summary>Lets frames below <paramref name="end"/> be handed out; false (nothing changed) if that would lower the limit.</summary>
        public bool RaiseAccessibleEnd(PhysicalAddress end)
        {
            ulong frames = end.Value / FrameSize;
            if (frames > _frameCount)
                frames = _frameCount;
            if (frames < _accessibleFrames)
                return false;
            _accessibleFrames = frames;
            return true;
        }

        public FrameState StateOf(PhysicalAddress address)
        {
            ulong frame = address.Value / FrameSize;
            if (frame >= _frameCount)
                return FrameState.Outside;
            if (_reserved.IsSet(frame))
                return FrameState.Reserved;
            return _unavailable.IsSet(frame) ? FrameState.Used : FrameState.Free;
        }

        public bool TryAllocate(out PhysicalAddress frame)
        {
            ulong found = _unavailable.FindClear(_lowestFreeHint, _accessibleFrames);
            if (found >= _accessibleFrames)
            {
                frame = default;
                return false;
            }
            _unavailable.Set(found);
            _freeFrames--;
            _lowestFreeHint = found + 1;
            frame = new PhysicalAddress(found * FrameSize);
            return true;
        }

        public bool TryAllocateZeroed(out PhysicalAddress frame)
        {
            if (!TryAllocate(out frame))
                return false;
            Zero(frame, 1);
            return true;
        }

        /// <summary>
        /// <paramref name="frameCount"/> physically contiguous frames starting at a multiple of
        /// <paramref name="alignmentBytes"/> (a power of two; anything up to 4 KiB means frame alignment), wholly
        /// below 4 GiB when <paramref name="below4GiB"/> (32-bit DMA). Contents undefined. False when no such run
        /// is free or the request is malformed (zero frames, alignment not a power of two).
        /// </summary>
        public bool TryAllocateContiguous(ulong frameCount, ulong alignmentBytes, bool below4GiB, out PhysicalAddress start)
        {
            start = default;
            if (frameCount == 0 || alignmentBytes == 0 || (alignmentBytes & (alignmentBytes - 1)) != 0)
                return false;
            ulong alignment = alignmentBytes <= FrameSize ? 1 : alignmentBytes / FrameSize;
            ulong limit = _accessibleFrames;
            if (below4GiB && limit > FourGiB / FrameSize)
                limit = FourGiB / FrameSize;
            // Frame 0 is the only candidate for an alignment this large, and it is always reserved.
            if (alignment >= limit || frameCount > limit)
                return false;
            // No free frame lies below the hint, so neither does any run.
            ulong candidate = _lowestFreeHint;
            while (true)
            {
                ulong free = _unavailable.FindClear(candidate, limit);
                if (free == limit)
                    return false;
                candidate = (free + alignment - 1) & ~(alignment - 1);
                if (candidate >= limit || frameCount > limit - candidate)
                    return false;
                ulong runEnd = candidate + frameCount;
                ulong blocked = _unavailable.FindSet(candidate, runEnd);
                if (blocked == runEnd)
                {
                    _unavailable.SetRange(candidate, runEnd);
                    _freeFrames -= frameCount;
                    start = new PhysicalAddress(candidate * FrameSize);
                    return true;
                }
                candidate = blocked + 1;
            }
        }

        /// <summary>Frees one frame; anything but Freed was refused, logged and counted.</summary>
        public FrameFreeResult FreeFrame(PhysicalAddress frame) => FreeContiguous(frame, 1);

        /// <summary>IFrameAllocator's free: the same as FreeFrame, for callers that do not look at the result.</summary>
        public void Free(PhysicalAddress frame) => FreeContiguous(frame, 1);

        /// <summary>Frees a run; refused whole (nothing freed) if any frame of it may not be freed.</summary>
        public FrameFreeResult FreeContiguous(PhysicalAddress start, ulong frameCount)
        {
            FrameFreeResult result = CheckFree(start.Value, frameCount, out ulong offending);
            if (result != FrameFreeResult.Freed)
            {
                FreeErrors++;
                if (FreeErrors <= LoggedFreeErrors)
                    Log.Error("pmm", $"free of {frameCount} frame(s) at 0x{start.Value:x} refused: 0x{offending:x} {Describe(result)}");
                if (FreeErrors == LoggedFreeErrors)
                    Log.Error("pmm", $"further refused frees are counted in FreeErrors, not logged");
                return result;
            }
            ulong first = start.Value / FrameSize;
            _unavailable.ClearRange(first, first + frameCount);
            _freeFrames += frameCount;
            if (first < _lowestFreeHint)
                _lowestFreeHint = first;
            return FrameFreeResult.Freed;
        }

        private FrameFreeResult CheckFree(ulong start, ulong frameCount, out ulong offending)
        {
            offending = start;
            if ((start & (FrameSize - 1)) != 0 || frameCount == 0)
                return FrameFreeResult.Misaligned;
            ulong first = start / FrameSize;
            if (first >= _frameCount || frameCount > _frameCount - first)
            {
                offending = (first < _frameCount ? _frameCount : first) * FrameSize;
                return FrameFreeResult.OutOfRange;
            }
            ulong end = first + frameCount;
            ulong reserved = _reserved.FindSet(first, end);
            if (reserved != end)
            {
                offending = reserved * FrameSize;
                return FrameFreeResult.Reserved;
            }
            ulong notAllocated = _unavailable.FindClear(first, end);
            if (notAllocated != end)
            {
                offending = notAllocated * FrameSize;
                return FrameFreeResult.NotAllocated;
            }
            return FrameFreeResult.Freed;
        }

        private static string Describe(FrameFreeResult result) => result switch
        {
            FrameFreeResult.Misaligned => "is not a frame start (or the run is empty)",
            FrameFreeResult.OutOfRange => "is outside managed memory",
            FrameFreeResult.Reserved => "is reserved",
            _ => "is not allocated (double free?)",
        };

        private void Zero(PhysicalAddress start, ulong frameCount)
        {
            ulong* words = (ulong*)_directMap.ToPointer(start);
            ulong count = frameCount * (FrameSize / sizeof(ulong));
            for (ulong i = 0; i < count; i++)
                words[i] = 0;
        }

        private void Reserve(ulong firstFrame, ulong endFrame)
        {
            if (endFrame > _frameCount)
                endFrame = _frameCount;
            if (firstFrame >= endFrame)
                return;
            _unavailable.SetRange(firstFrame, endFrame);
            _reserved.SetRange(firstFrame, endFrame);
        }

        // The first frame past a range ending at `end`, rounding up; an end at the top of the address space
        // stays past every managed frame.
        private static ulong FramesCovering(ulong end) =>
            PageSize.TryAlignUp(end, FrameSize, out ulong aligned) ? aligned / FrameSize : ulong.MaxValue / FrameSize + 1;
    }
}
