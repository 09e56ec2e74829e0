// Physical memory reads for the boot-information parsers through the boot stub's identity map, which maps
// physical == virtual for the first 4 GiB until the memory manager replaces the page tables. Anything at
// or above 4 GiB is refused (an empty read; the parser reports it), never dereferenced.
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
