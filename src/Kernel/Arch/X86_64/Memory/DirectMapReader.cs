// Reads physical memory (ACPI tables, boot structures) through the kernel's direct map once the kernel runs
// on its own page tables. A read is cut where the direct map has a hole, and refused entirely when it
// starts in one: physical memory the memory map did not describe is never dereferenced.
using System;
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Paging;

namespace MinimalOS.Kernel.Arch.X86_64
{
    internal sealed unsafe class DirectMapReader : PhysicalMemoryReader
    {
        public override ReadOnlySpan<byte> Read(PhysicalAddress address, int maxLength)
        {
            AddressSpace space = KernelAddressSpace.Space;
            ulong start = address.Value;
            if (space is null || maxLength <= 0 || start >= KernelMemoryLayout.DirectMapSize)
                return default;
            ulong wanted = (ulong)maxLength;
            if (wanted > KernelMemoryLayout.DirectMapSize - start)
                wanted = KernelMemoryLayout.DirectMapSize - start;
            ulong available = 0;
            while (available < wanted)
            {
                var virt = new VirtualAddress(KernelMemoryLayout.DirectMapBase + start + available);
                if (space.Translate(virt, out PageMapping mapping) != PagingResult.Success)
                    break;
                available += mapping.PageSize - ((start + available) & (mapping.PageSize - 1));
            }
            if (available > wanted)
                available = wanted;
            return available == 0 ? default : new ReadOnlySpan<byte>(KernelAddressSpace.DirectMap.ToPointer(address), (int)available);
        }
    }
}
