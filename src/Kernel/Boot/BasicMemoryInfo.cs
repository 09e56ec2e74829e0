// The loaders' coarse memory sizes (Multiboot mem_lower/mem_upper): KiB of conventional memory below 640 KiB
// and KiB of contiguous memory from 1 MiB up to the first hole. Only a fallback when there is no memory map.
namespace MinimalOS.Kernel.Boot
{
    public readonly struct BasicMemoryInfo
    {
        /// <summary>Conventional memory never exceeds this; larger values are clamped.</summary>
        public const uint MaxLowerKiB = 640;

        public BasicMemoryInfo(uint lowerKiB, uint upperKiB)
        {
            LowerKiB = lowerKiB;
            UpperKiB = upperKiB;
        }

        public uint LowerKiB { get; }
        public uint UpperKiB { get; }
    }
}
