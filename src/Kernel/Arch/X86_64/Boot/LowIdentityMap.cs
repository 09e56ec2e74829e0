// The boot stub's identity map of the first 4 GiB (multiboot.asm: physical == virtual below 4 GiB), the only
// way to reach physical memory such as the boot information or the framebuffer until the memory manager
// builds its own page tables. Anything at or above 4 GiB is refused (an empty read, a failed mapping),
// never dereferenced.
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

        /// <summary>A writable pointer to <paramref name="size"/> bytes at <paramref name="physical"/>, or false when
        /// any of them lies outside the identity map (physical page 0 is refused: it is never a valid buffer).</summary>
        public static bool TryMapWritable(ulong physical, ulong size, out byte* pointer)
        {
            pointer = null;
            if (physical == 0 || physical >= Limit || size > Limit - physical)
                return false;
            pointer = (byte*)physical;
            return true;
        }
    }
}
