// Builds the physical memory manager once the boot information is parsed: collects what must stay
// reserved although the map calls it usable (the kernel image with its .bss and boot heap, boot modules,
// the boot information, the framebuffer), builds the frame allocator over the boot identity map (direct
// map offset 0, so only the first 4 GiB are handed out until the paging code rebases it), logs a summary
// and publishes it as PhysicalMemory.Frames. Runs once, on the boot CPU; without frames the kernel cannot
// go on, so failure panics with the reason.
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Physical;

namespace MinimalOS.Kernel.Arch.X86_64
{
    internal static unsafe class MemoryStartup
    {
        private const ulong MiB = 1024 * 1024;

        public static FrameAllocator Start(BootInfo boot)
        {
            ReservedRanges reserved = CollectReservedRanges(boot);
            for (int i = 0; i < reserved.Count; i++)
                Log.Debug("pmm", $"reserved {reserved.Reason(i)}: 0x{reserved.Start(i).Value:x}-0x{reserved.End(i):x}");
            if (!FrameAllocator.TryCreate(boot.MemoryMap, reserved, new DirectMap(0), new PhysicalAddress(LowIdentityMap.Limit), out FrameAllocator frames, out string whyNot))
                Diagnostics.Panic.Halt(whyNot);
            if (!PhysicalMemory.Publish(frames))
                Log.Error("pmm", $"a frame allocator was already published; the new one is not used");
            LogSummary(boot.MemoryMap, frames);
            return frames;
        }

        private static ReservedRanges CollectReservedRanges(BootInfo boot)
        {
            var reserved = new ReservedRanges();
            KernelImageLayout* image = KernelImageLayout.Current;
            Add(reserved, image->ImageStart - KernelImageLayout.VirtualBase, image->ImageEnd - image->ImageStart, "kernel image");
            for (int i = 0; i < boot.Modules.Count; i++)
                Add(reserved, boot.Modules[i].Start.Value, boot.Modules[i].Length, "boot module");
            Add(reserved, boot.InformationAddress.Value, boot.InformationLength, "boot information");
            if (boot.FramebufferKind != FramebufferKind.None)
                Add(reserved, boot.Framebuffer.PhysicalAddress, boot.Framebuffer.SizeInBytes, "framebuffer");
            return reserved;
        }

        private static void Add(ReservedRanges reserved, ulong start, ulong length, string what)
        {
            if (!reserved.Add(new PhysicalAddress(start), length, what))
                Log.Error("pmm", $"too many reserved ranges: {what} at 0x{start:x} ({length} bytes) is not protected");
        }

        private static void LogSummary(MemoryMap map, FrameAllocator frames)
        {
            FrameStatistics stats = frames.Statistics;
            ulong frameBytes = FrameAllocator.FrameSize;
            Log.Info("pmm", $"{stats.TotalFrames * frameBytes / MiB} MiB managed, {map.TotalUsableBytes / MiB} MiB usable, {stats.FreeFrames * frameBytes / MiB} MiB free, {stats.ReservedFrames * frameBytes / MiB} MiB reserved");
            Log.Info("pmm", $"frame bitmaps at 0x{frames.BitmapStart.Value:x} ({frames.BitmapBytes / 1024} KiB); frames handed out below 0x{frames.AccessibleEnd.Value:x} until the direct map covers more");
        }
    }
}
