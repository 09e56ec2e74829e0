// The kernel's own address space, built once at boot and switched to, leaving the boot stub's tables (and
// their identity map of the first 4 GiB) behind. It holds:
//   the kernel image per section: headers/Multiboot page and rodata read-only + NX, text read + execute,
//     data/bss read/write + NX, except the boot stack's guard page, which stays unmapped;
//   the direct map at KernelMemoryLayout.DirectMapBase: every range the memory map describes (any kind, so
//     ACPI tables are reachable) and the framebuffer, in 2 MiB pages, read/write + NX, write-back;
//   an empty PDPT under each of the 256 kernel-half PML4 entries, shared with every future address space
//     (see AddressSpace).
// After the switch physical memory is reached only through DirectMap (never through the identity map).
// Initialize runs once on the boot CPU with interrupts off; a failure here leaves no way on, so it panics.
// Afterwards the space is shared by every CPU: its "kernel address space" lock serialises each map, unmap,
// protect and translation, and its page-table frames come through the locked frame allocator (order:
// kernel address space -> frames; see docs/ARCHITECTURE.md, "Lock order").
using MinimalOS.Kernel.Arch.X86_64.Sync;
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Paging;
using MinimalOS.Kernel.Memory.Physical;

namespace MinimalOS.Kernel.Arch.X86_64
{
    internal static unsafe class KernelAddressSpace
    {
        private const PageFlags ReadOnly = PageFlags.NoExecute;
        private const PageFlags ReadExecute = PageFlags.None;
        private const PageFlags ReadWrite = PageFlags.Writable | PageFlags.NoExecute;

        /// <summary>The kernel's address space (null before Initialize).</summary>
        public static AddressSpace Space { get; private set; }

        /// <summary>Where every frame comes from once paging is up: the physical memory manager behind its lock.</summary>
        public static LockedFrameAllocator Frames { get; private set; }

        /// <summary>Whether mappings may carry NoExecute (CPUID said NX and EFER.NXE is on).</summary>
        public static bool NoExecuteSupported { get; private set; }

        /// <summary>How the kernel reaches physical memory now: the boot identity map before Initialize, the direct map after.</summary>
        public static DirectMap DirectMap { get; private set; } = new DirectMap(0);

        /// <summary>Where the boot stack's unmapped guard page is.</summary>
        public static VirtualAddress BootStackGuard => new VirtualAddress(KernelImageLayout.Current->BootStackBottom - PageSize.Small);

        /// <summary>
        /// Builds the address space with page tables from <paramref name="frames"/> and switches to it; the
        /// frame allocator is then moved onto the direct map and may hand out every frame the map covers.
        /// </summary>
        public static void Initialize(BootInfo boot, FrameAllocator frames)
        {
            KernelImageLayout* image = KernelImageLayout.Current;
            bool noExecute = PagingProtections.NoExecuteSupported;
            PagingProtections.EnableNoExecute();
            var lockedFrames = new LockedFrameAllocator(frames);
            Check(AddressSpace.TryCreate(DirectMap, lockedFrames, new ProcessorTlb(), noExecute, out AddressSpace space), "PML4");
            space.UseLock(new SpinLock("kernel address space"));
            space.MarkLeavesGlobal();
            Check(space.PreallocateKernelHalf(), "kernel-half PDPTs");
            MapImage(space, image);
            ulong directMapEnd = MapPhysicalMemory(space, boot);

            Cpu.WriteCr3(space.Root.Value);
            DirectMap = new DirectMap(KernelMemoryLayout.DirectMapBase);
            space.Rebase(DirectMap);
            frames.Rebase(DirectMap);
            frames.RaiseAccessibleEnd(new PhysicalAddress(directMapEnd));
            Space = space;
            Frames = lockedFrames;
            NoExecuteSupported = noExecute;
            PagingProtections.EnableSupervisorProtections();
            TlbFeatures.EnableOnBootCpu();
            KernelStacks.Initialize();
            Log.Info("paging", $"kernel address space at 0x{space.Root.Value:x}: direct map up to 0x{directMapEnd:x}, boot stack guard 0x{BootStackGuard.Value:x}");
        }

        /// <summary>A pointer through the direct map to [physical, physical+size), or false when part of it is not mapped.</summary>
        public static bool TryGetDirectPointer(PhysicalAddress physical, ulong size, out byte* pointer)
        {
            pointer = null;
            if (Space is null || size == 0 || physical.Value >= KernelMemoryLayout.DirectMapSize || size > KernelMemoryLayout.DirectMapSize - physical.Value)
                return false;
            ulong end = physical.Value + size;
            for (ulong chunk = PageSize.AlignDown(physical.Value, PageSize.Large); chunk < end; chunk += PageSize.Large)
            {
                if (Space.Translate(new VirtualAddress(KernelMemoryLayout.DirectMapBase + chunk), out _) != PagingResult.Success)
                    return false;
            }
            pointer = DirectMap.ToPointer(physical);
            return true;
        }

        private static void MapImage(AddressSpace space, KernelImageLayout* image)
        {
            if ((image->BootStackBottom & (PageSize.Small - 1)) != 0 || BootStackGuard.Value < image->BssStart)
                Diagnostics.Panic.Halt("paging: the boot stack has no page-aligned guard page inside .bss");
            MapSection(space, image->ImageStart, image->TextStart, ReadOnly, "headers");
            MapSection(space, image->TextStart, image->TextEnd, ReadExecute, "text");
            MapSection(space, image->RodataStart, image->RodataEnd, ReadOnly, "rodata");
            MapSection(space, image->DataStart, BootStackGuard.Value, ReadWrite, "data");
            MapSection(space, image->BootStackBottom, image->BssEnd, ReadWrite, "bss");
        }

        private static void MapSection(AddressSpace space, ulong start, ulong end, PageFlags flags, string name)
        {
            if (end == start)
                return;
            PagingResult result = space.Map(new VirtualAddress(start), new PhysicalAddress(start - KernelImageLayout.VirtualBase), end - start, flags);
            if (result != PagingResult.Success)
            {
                Log.Fatal("paging", $"mapping kernel {name} 0x{start:x}-0x{end:x} failed: result {(int)result}");
                Diagnostics.Panic.Halt("paging: cannot map the kernel image");
            }
        }

        // Every memory-map range and the framebuffer, rounded out to 2 MiB chunks; returns the end of the highest.
        private static ulong MapPhysicalMemory(AddressSpace space, BootInfo boot)
        {
            ulong highest = 0;
            MemoryMap map = boot.MemoryMap;
            for (int i = 0; i < map.Count; i++)
                highest = MapDirect(space, map[i].Base.Value, map[i].End, highest);
            if (boot.HasUsableFramebuffer)
            {
                FramebufferInfo framebuffer = boot.Framebuffer;
                highest = MapDirect(space, framebuffer.PhysicalAddress, framebuffer.PhysicalAddress + framebuffer.SizeInBytes, highest);
            }
            return highest;
        }

        private static ulong MapDirect(AddressSpace space, ulong start, ulong end, ulong highest)
        {
            if (end <= start || end > KernelMemoryLayout.DirectMapSize)
            {
                Log.Warn("paging", $"physical range 0x{start:x}-0x{end:x} is outside the direct map; not mapped");
                return highest;
            }
            for (ulong chunk = PageSize.AlignDown(start, PageSize.Large); chunk < end; chunk += PageSize.Large)
            {
                var virt = new VirtualAddress(KernelMemoryLayout.DirectMapBase + chunk);
                if (space.Translate(virt, out _) == PagingResult.Success)
                    continue;
                Check(space.Map(virt, new PhysicalAddress(chunk), PageSize.Large, ReadWrite), "direct map");
            }
            ulong chunkEnd = PageSize.AlignDown(end - 1, PageSize.Large) + PageSize.Large;
            return chunkEnd > highest ? chunkEnd : highest;
        }

        private static void Check(PagingResult result, string what)
        {
            if (result == PagingResult.Success)
                return;
            Log.Fatal("paging", $"building the kernel address space: {what} failed with result {(int)result}");
            Diagnostics.Panic.Halt("paging: cannot build the kernel address space");
        }
    }
}
