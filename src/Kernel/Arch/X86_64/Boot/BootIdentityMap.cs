// The boot stub's identity map of the first 4 GiB (multiboot.asm: physical == virtual below 4 GiB), the
// only way to reach physical memory such as the boot information or the framebuffer until the memory
// manager builds its own page tables. It must never hand out a pointer to a range it does not map.
namespace MinimalOS.Kernel.Arch.X86_64.Boot
{
    internal static unsafe class BootIdentityMap
    {
        public const ulong Limit = 4UL << 30;

        /// <summary>A pointer to <paramref name="size"/> bytes at <paramref name="physical"/>, or false when
        /// any of them lies outside the identity map (physical page 0 is refused: it is never a valid buffer).</summary>
        public static bool TryMap(ulong physical, ulong size, out byte* pointer)
        {
            pointer = null;
            if (physical == 0 || physical >= Limit || size > Limit - physical)
                return false;
            pointer = (byte*)physical;
            return true;
        }
    }
}
