// TEMPORARY frame source for building the kernel's page tables until the physical memory manager (branch
// `pmm`, an IFrameAllocator) is merged: the integrator replaces the single `BootFrameSource.TryCreate(...)`
// call in KernelAddressSpace.Initialize with the real allocator and deletes this file.
// It bumps through the largest usable RAM below 4 GiB that lies above the kernel image and every boot
// module (the boot information itself has been parsed by then). It never reuses a frame: Free only logs.
// Below 4 GiB so that frames can be zeroed through the boot identity map before the switch.
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Arch.X86_64
{
    internal sealed unsafe class BootFrameSource : IFrameAllocator
    {
        private const ulong Limit = 4UL << 30;

        private ulong _next;
        private readonly ulong _end;
        private DirectMap _directMap;

        private BootFrameSource(ulong start, ulong end, DirectMap directMap)
        {
            _next = start;
            _end = end;
            _directMap = directMap;
        }

        public ulong FramesLeft => (_end - _next) / PageSize.Small;

        public static bool TryCreate(BootInfo boot, ulong kernelPhysicalEnd, DirectMap directMap, out BootFrameSource source)
        {
            ulong floor = kernelPhysicalEnd;
            for (int i = 0; i < boot.Modules.Count; i++)
            {
                if (boot.Modules[i].End.Value > floor)
                    floor = boot.Modules[i].End.Value;
            }
            ulong bestStart = 0, bestEnd = 0;
            MemoryMap map = boot.MemoryMap;
            for (int i = 0; i < map.Count; i++)
            {
                MemoryRegion region = map[i];
                if (region.Kind != MemoryKind.Usable)
                    continue;
                ulong end = PageSize.AlignDown(region.End < Limit ? region.End : Limit, PageSize.Small);
                ulong start = region.Base.Value > floor ? region.Base.Value : floor;
                if (!PageSize.TryAlignUp(start, PageSize.Small, out start) || start >= end)
                    continue;
                if (end - start > bestEnd - bestStart)
                {
                    bestStart = start;
                    bestEnd = end;
                }
            }
            source = bestEnd > bestStart ? new BootFrameSource(bestStart, bestEnd, directMap) : null;
            return source is not null;
        }

        /// <summary>Zeroes frames through another window onto physical memory (after switching page tables).</summary>
        public void Rebase(DirectMap directMap) => _directMap = directMap;

        public bool TryAllocate(out PhysicalAddress frame)
        {
            frame = default;
            if (_end - _next < PageSize.Small)
                return false;
            frame = new PhysicalAddress(_next);
            _next += PageSize.Small;
            return true;
        }

        public bool TryAllocateZeroed(out PhysicalAddress frame)
        {
            if (!TryAllocate(out frame))
                return false;
            ulong* words = (ulong*)_directMap.ToPointer(frame);
            for (int i = 0; i < (int)(PageSize.Small / 8); i++)
                words[i] = 0;
            return true;
        }

        public void Free(PhysicalAddress frame) =>
            Log.Warn("paging", $"temporary boot frame source cannot reuse frame 0x{frame.Value:x}; it stays allocated");
    }
}
