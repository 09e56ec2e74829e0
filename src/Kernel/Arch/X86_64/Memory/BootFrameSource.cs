// TEMPORARY frame source for building the kernel's page tables until the physical memory manager (branch
// `pmm`, an IFrameAllocator) is merged: the integrator replaces the one line in KernelAddressSpace.Initialize
// that calls BootFrameSource.TryCreate with the real allocator and deletes this file.
// It bumps through the largest usable RAM below 4 GiB that lies above everything still needed: the kernel
// image, every boot module, the boot information (up to the largest size the Multiboot 2 parser accepts)
// and the RSDP (a Multiboot 2 loader's copy lives inside the boot information). It never reuses a frame:
// Free only logs.
// Below 4 GiB so that frames can be zeroed through the boot identity map before the switch; it zeroes
// through KernelAddressSpace.DirectMap, so it keeps working after the switch.
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

        private BootFrameSource(ulong start, ulong end)
        {
            _next = start;
            _end = end;
        }

        public static bool TryCreate(BootInfo boot, PhysicalAddress bootInformation, PhysicalAddress kernelEnd, out IFrameAllocator source)
        {
            ulong floor = kernelEnd.Value;
            for (int i = 0; i < boot.Modules.Count; i++)
                floor = Above(floor, boot.Modules[i].End.Value);
            floor = Above(floor, bootInformation.Value + Multiboot2Parser.MaxTotalSize);
            if (boot.HasRsdp)
                floor = Above(floor, boot.Rsdp.Address.Value + PageSize.Small);
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
            source = bestEnd > bestStart ? new BootFrameSource(bestStart, bestEnd) : null;
            if (source is not null)
                Log.Info("paging", $"temporary boot frame source: 0x{bestStart:x}-0x{bestEnd:x}");
            return source is not null;
        }

        // Only addresses below 4 GiB can raise the floor: the frames come from there.
        private static ulong Above(ulong floor, ulong end) => end > floor && end < Limit ? end : floor;

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
            ulong* words = (ulong*)KernelAddressSpace.DirectMap.ToPointer(frame);
            for (int i = 0; i < (int)(PageSize.Small / 8); i++)
                words[i] = 0;
            return true;
        }

        public void Free(PhysicalAddress frame) =>
            Log.Warn("paging", $"temporary boot frame source cannot reuse frame 0x{frame.Value:x}; it stays allocated");
    }
}
