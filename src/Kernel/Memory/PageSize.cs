// The page sizes x86_64 paging offers and the alignment arithmetic on them.
namespace MinimalOS.Kernel.Memory
{
    public static class PageSize
    {
        public const ulong Small = 4096;
        public const ulong Large = 2 * 1024 * 1024;
        public const ulong Huge = 1024 * 1024 * 1024;

        public static ulong AlignDown(ulong value, ulong size) => value & ~(size - 1);

        /// <summary>Rounds up; returns false instead of wrapping past the top of the address space.</summary>
        public static bool TryAlignUp(ulong value, ulong size, out ulong aligned)
        {
            aligned = (value + size - 1) & ~(size - 1);
            return aligned >= value;
        }
    }
}
