// Chooses the physical page an application processor's real-mode start-up code is copied to: a start-up IPI
// can only name a page below 1 MiB, so it must be a whole 4 KiB page of usable RAM in 0x1000..0x9F000 (page
// 0 holds the real-mode IVT, 0x9F000 up is the EBDA and legacy video/ROM area) that nothing the boot left
// behind (boot information, modules) overlaps. The highest such page is taken: loaders tend to put their own
// data low. It never picks a page the memory map does not call usable.
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Physical;

namespace MinimalOS.Kernel.Smp
{
    public static class TrampolinePlacement
    {
        public const ulong LowestPage = 0x1000;
        public const ulong EndOfCandidates = 0x9F000;

        /// <summary>
        /// The highest candidate page wholly inside a usable region of <paramref name="map"/> and outside every
        /// range of <paramref name="avoid"/> (may be null); false when there is none.
        /// </summary>
        public static bool TryChoosePage(MemoryMap map, ReservedRanges avoid, out PhysicalAddress page)
        {
            for (ulong candidate = EndOfCandidates - PageSize.Small; candidate >= LowestPage; candidate -= PageSize.Small)
            {
                if (IsUsable(map, candidate) && (avoid is null || !avoid.FindOverlap(candidate, candidate + PageSize.Small, out _)))
                {
                    page = new PhysicalAddress(candidate);
                    return true;
                }
            }
            page = default;
            return false;
        }

        // The map is sorted and free of overlaps, so the page is usable when one usable region covers it.
        private static bool IsUsable(MemoryMap map, ulong page)
        {
            for (int i = 0; i < map.Count; i++)
            {
                MemoryRegion region = map[i];
                if (region.Kind == MemoryKind.Usable && region.Base.Value <= page && region.End >= page + PageSize.Small)
                    return true;
            }
            return false;
        }
    }
}
