// The boot stub's identity map of the first 4 GiB (multiboot.asm: physical == virtual below 4 GiB), the only
// way to read physical memory such as the boot information until KernelAddressSpace switches to the
// kernel's own page tables, which have no identity map: after that, use DirectMapReader. Anything at or
// above 4 GiB is refused (an empty read), never dereferenced.
using System;
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Arch.X86_64
{
    internal sealed unsafe class LowIdentityMap : PhysicalMemoryReader
    {
        /// <summary>First physical address the boot stub does not map.</summary>
        public const ulong Limit = 4UL << 30;

        public override ReadOnlySpan<byte> Read(PhysicalAddress address, int maxLength)
        {
            ulong start = address.Value;
            if (maxLength <= 0 || start >= Limit)
                return default;
            ulong available = Limit - start;
            int length = available < (ulong)maxLength ? (int)available : maxLength;
            return new ReadOnlySpan<byte>((void*)start, length);
        }
    }
}
