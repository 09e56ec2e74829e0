// Where the frame allocator keeps its own bitmaps: the lowest run of whole usable frames, at or above
// 1 MiB (low memory stays with the firmware) and below the accessible end (at boot only the first 4 GiB
// are mapped, and the allocator must write its bitmaps before anything else exists), that no reserved
// range touches. Lowest-first keeps the choice deterministic and leaves high memory in large free runs.
using MinimalOS.Kernel.Boot;

namespace MinimalOS.Kernel.Memory.Physical
{
    public static class BitmapPlacement
    {
        public static bool TryFind(MemoryMap map, ReservedRanges reserved, ulong bytes, ulong lowest, ulong accessibleEnd, out PhysicalAddress start)
        {
            for (int i = 0; i < map.Count; i++)
            {
                MemoryRegion region = map[i];
                if (region.Kind != MemoryKind.Usable)
                    continue;
                ulong first = region.Base.Value > lowest ? region.Base.Value : lowest;
                if (!PageSize.TryAlignUp(first, PageSize.Small, out ulong candidate))
                    continue;
                ulong limit = PageSize.AlignDown(region.End < accessibleEnd ? region.End : accessibleEnd, PageSize.Small);
                while (candidate < limit && bytes <= limit - candidate)
                {
                    if (!reserved.FindOverlap(candidate, candidate + bytes, out ulong overlapEnd))
                    {
                        start = new PhysicalAddress(candidate);
                        return true;
                    }
                    if (!PageSize.TryAlignUp(overlapEnd, PageSize.Small, out candidate))
                        break;
                }
            }
            start = default;
            return false;
        }
    }
}
