// Kernel tests of the live kernel address space: a map/translate/unmap round trip, and the permissions of
// the kernel's sections, the direct map and the boot stack guard, each checked by walking the page tables
// CR3 points at (not the kernel's own bookkeeping), plus the control bits that make them effective.
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Paging;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class KernelAddressSpaceTests
    {
        // Between the kernel stacks and the image: nothing is mapped here.
        private const ulong UnusedKernelAddress = 0xFFFF_F000_0000_0000;

        public static void Register(KernelTestList tests)
        {
            tests.Add("Paging.MapWriteReadUnmapOnTheLiveSpace", &MapWriteReadUnmapOnTheLiveSpace);
            tests.Add("Paging.ProtectChangesTheLiveTables", &ProtectChangesTheLiveTables);
            tests.Add("Paging.TextIsReadExecute", &TextIsReadExecute);
            tests.Add("Paging.RodataIsReadOnlyNoExecute", &RodataIsReadOnlyNoExecute);
            tests.Add("Paging.DataAndBssAreWritableNoExecute", &DataAndBssAreWritableNoExecute);
            tests.Add("Paging.DirectMapIsWritableNoExecute", &DirectMapIsWritableNoExecute);
            tests.Add("Paging.BootStackGuardIsNotPresent", &BootStackGuardIsNotPresent);
            tests.Add("Paging.BootIdentityMapIsGone", &BootIdentityMapIsGone);
            tests.Add("Paging.NoExecuteAndWriteProtectAreOn", &NoExecuteAndWriteProtectAreOn);
        }

        // The tables CR3 points at, read through the direct map.
        private static AddressSpace Live() =>
            AddressSpace.OverExisting(new PhysicalAddress(Cpu.ReadCr3()), KernelAddressSpace.DirectMap, KernelAddressSpace.Frames, new ProcessorTlb(), KernelAddressSpace.NoExecuteSupported);

        private static PageMapping Walk(ulong virt, string what)
        {
            PagingResult result = Live().Translate(new VirtualAddress(virt), out PageMapping mapping);
            Expect.Equal((long)PagingResult.Success, (long)result, what);
            return mapping;
        }

        private static void MapWriteReadUnmapOnTheLiveSpace()
        {
            AddressSpace space = KernelAddressSpace.Space;
            var virt = new VirtualAddress(UnusedKernelAddress);
            Expect.Equal((long)PagingResult.NotMapped, (long)space.Translate(virt, out _), "test address unused");
            Expect.True(KernelAddressSpace.Frames.TryAllocateZeroed(out PhysicalAddress frame), "a frame");
            Expect.Equal((long)PagingResult.Success, (long)space.Map(virt, frame, PageSize.Small, PageFlags.Writable | PageFlags.NoExecute), "map");
            Expect.Equal(frame.Value + 0x18, Walk(virt.Value + 0x18, "translate after map").Physical.Value, "translates to the frame");
            ulong* words = (ulong*)virt.ToPointer();
            words[3] = 0x1234_5678_9ABC_DEF0;
            ulong* direct = (ulong*)KernelAddressSpace.DirectMap.ToPointer(frame);
            Expect.Equal(0x1234_5678_9ABC_DEF0UL, direct[3], "written through the mapping, read through the direct map");
            Expect.Equal((long)PagingResult.Success, (long)space.Unmap(virt, PageSize.Small), "unmap");
            Expect.Equal((long)PagingResult.NotMapped, (long)Live().Translate(virt, out _), "unmapped in the live tables");
            KernelAddressSpace.Frames.Free(frame);
        }

        private static void ProtectChangesTheLiveTables()
        {
            AddressSpace space = KernelAddressSpace.Space;
            var virt = new VirtualAddress(UnusedKernelAddress);
            Expect.True(KernelAddressSpace.Frames.TryAllocateZeroed(out PhysicalAddress frame), "a frame");
            Expect.Equal((long)PagingResult.Success, (long)space.Map(virt, frame, PageSize.Small, PageFlags.Writable | PageFlags.NoExecute), "map");
            Expect.True(Walk(virt.Value, "mapped").IsWritable, "writable at first");
            Expect.Equal((long)PagingResult.Success, (long)space.Protect(virt, PageSize.Small, PageFlags.NoExecute), "protect");
            Expect.False(Walk(virt.Value, "still mapped").IsWritable, "read-only after protect");
            Expect.Equal(0UL, *(ulong*)virt.ToPointer(), "still readable");
            Expect.Equal((long)PagingResult.Success, (long)space.Unmap(virt, PageSize.Small), "unmap");
            KernelAddressSpace.Frames.Free(frame);
        }

        private static void TextIsReadExecute()
        {
            KernelImageLayout* image = KernelImageLayout.Current;
            delegate*<void> code = &TextIsReadExecute;
            ulong[] addresses = { image->TextStart, (ulong)code, image->TextEnd - 1 };
            foreach (ulong address in addresses)
            {
                PageMapping mapping = Walk(address, "text mapped");
                Expect.False(mapping.IsWritable, "text not writable");
                Expect.True(mapping.IsExecutable, "text executable");
                Expect.Equal(address - KernelImageLayout.VirtualBase, mapping.Physical.Value, "text at its load address");
            }
        }

        private static void RodataIsReadOnlyNoExecute()
        {
            KernelImageLayout* image = KernelImageLayout.Current;
            ulong[] addresses = { image->ImageStart, image->RodataStart, image->EhFrameStart, image->KernelSymbolsStart, image->RodataEnd - 1 };
            foreach (ulong address in addresses)
            {
                PageMapping mapping = Walk(address, "rodata mapped");
                Expect.False(mapping.IsWritable, "rodata not writable");
                Expect.Equal(KernelAddressSpace.NoExecuteSupported ? 1 : 0, mapping.IsExecutable ? 0 : 1, "rodata not executable");
            }
        }

        private static void DataAndBssAreWritableNoExecute()
        {
            KernelImageLayout* image = KernelImageLayout.Current;
            ulong[] addresses = { image->DataStart, image->ModulesStart, image->BssStart, image->BootStackBottom, Cpu.StackPointer(), image->BssEnd - 1 };
            foreach (ulong address in addresses)
            {
                PageMapping mapping = Walk(address, "data/bss mapped");
                Expect.True(mapping.IsWritable, "data/bss writable");
                Expect.Equal(KernelAddressSpace.NoExecuteSupported ? 1 : 0, mapping.IsExecutable ? 0 : 1, "data/bss not executable");
                Expect.Equal(address - KernelImageLayout.VirtualBase, mapping.Physical.Value, "data/bss at its load address");
            }
        }

        private static void DirectMapIsWritableNoExecute()
        {
            ulong kernelPhysical = KernelImageLayout.Current->TextStart - KernelImageLayout.VirtualBase;
            BootInfo boot = BootSequence.Information;
            MemoryMap map = boot.MemoryMap;
            ulong highestByte = map[map.Count - 1].End - 1;
            ulong framebuffer = boot.HasUsableFramebuffer ? boot.Framebuffer.PhysicalAddress + boot.Framebuffer.SizeInBytes - 1 : 0;
            ulong[] physicalAddresses = { 0, 0x9F000, kernelPhysical, highestByte, framebuffer };
            foreach (ulong physical in physicalAddresses)
            {
                PageMapping mapping = Walk(KernelMemoryLayout.DirectMapBase + physical, "direct map covers low memory and the kernel");
                Expect.Equal(physical, mapping.Physical.Value, "direct map is linear, up to the highest byte of the memory map and the framebuffer");
                Expect.Equal(PageSize.Large, mapping.PageSize, "direct map uses 2 MiB pages");
                Expect.True(mapping.IsWritable, "direct map writable");
                Expect.Equal(KernelAddressSpace.NoExecuteSupported ? 1 : 0, mapping.IsExecutable ? 0 : 1, "direct map not executable");
            }
        }

        private static void BootStackGuardIsNotPresent()
        {
            ulong guard = KernelAddressSpace.BootStackGuard.Value;
            Expect.Equal(KernelImageLayout.Current->BootStackBottom - PageSize.Small, guard, "guard right below the stack");
            Expect.Equal((long)PagingResult.NotMapped, (long)Live().Translate(new VirtualAddress(guard), out _), "guard page start");
            Expect.Equal((long)PagingResult.NotMapped, (long)Live().Translate(new VirtualAddress(guard + PageSize.Small - 1), out _), "guard page end");
        }

        private static void BootIdentityMapIsGone()
        {
            Expect.Equal((long)PagingResult.NotMapped, (long)Live().Translate(new VirtualAddress(0x10_0000), out _), "no identity map of the kernel");
            Expect.Equal((long)PagingResult.NotMapped, (long)Live().Translate(new VirtualAddress(0), out _), "page 0 unmapped");
        }

        private static void NoExecuteAndWriteProtectAreOn()
        {
            Expect.True((Cpu.ReadCr0() & PagingProtections.Cr0WriteProtect) != 0, "CR0.WP");
            bool nxe = (Cpu.ReadMsr(PagingProtections.EferMsr) & PagingProtections.EferNoExecuteEnable) != 0;
            Expect.Equal(PagingProtections.NoExecuteSupported ? 1 : 0, nxe ? 1 : 0, "EFER.NXE whenever the CPU has NX");
        }
    }
}
