// The physical memory map, built from the loader's entries and then made trustworthy: empty entries are
// dropped, wrapping ones clipped, the list sorted by address, and overlapping ranges split so that each
// byte has exactly one kind (the most restrictive one reported for it). Consumers may rely on the result
// being sorted and free of overlaps.
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Boot
{
    public sealed class MemoryMap
    {
        /// <summary>Most entries taken from the loader; more are counted and reported, not stored.</summary>
        public const int Capacity = 128;

        private MemoryRegion[] _regions = new MemoryRegion[Capacity];
        private int _count;
        private int _offered;

        public int Count => _count;

        public MemoryRegion this[int index] => _regions[index];

        /// <summary>Bytes of usable RAM (the map has no overlaps once complete, so nothing is counted twice).</summary>
        public ulong TotalUsableBytes
        {
            get
            {
                ulong total = 0;
                for (int i = 0; i < _count; i++)
                {
                    if (_regions[i].Kind == MemoryKind.Usable)
                        total += _regions[i].Length;
                }
                return total;
            }
        }

        /// <summary>Takes one loader entry; bad ones are reported and dropped or clipped.</summary>
        public void Add(ulong start, ulong length, MemoryKind kind, uint firmwareType, BootWarnings warnings)
        {
            _offered++;
            if (length == 0)
            {
                warnings.Add(BootWarningCode.EmptyRegion, BootSubject.MemoryMap, start);
                return;
            }
            if (length > ulong.MaxValue - start)
            {
                warnings.Add(BootWarningCode.RegionWraps, BootSubject.MemoryMap, start, length);
                length = ulong.MaxValue - start;
                if (length == 0)
                    return;
            }
            if (_count == Capacity)
                return;
            _regions[_count++] = new MemoryRegion(new PhysicalAddress(start), length, kind, firmwareType);
        }

        /// <summary>Called once all entries are in: reports overflow, sorts, and resolves overlaps.</summary>
        public void Complete(BootWarnings warnings)
        {
            if (_offered > Capacity)
                warnings.Add(BootWarningCode.TooManyEntries, BootSubject.MemoryMap, (ulong)_offered, Capacity);
            if (!IsSorted())
            {
                warnings.Add(BootWarningCode.Unsorted, BootSubject.MemoryMap);
                SortByBase();
            }
            if (FindOverlap(out ulong overlapStart, out ulong overlapEnd))
            {
                warnings.Add(BootWarningCode.Overlap, BootSubject.MemoryMap, overlapStart, overlapEnd);
                ResolveOverlaps();
            }
        }

        private bool IsSorted()
        {
            for (int i = 1; i < _count; i++)
            {
                if (_regions[i].Base.Value < _regions[i - 1].Base.Value)
                    return false;
            }
            return true;
        }

        // Insertion sort: the map is small, and this keeps equal bases in loader order.
        private void SortByBase()
        {
            for (int i = 1; i < _count; i++)
            {
                MemoryRegion moving = _regions[i];
                int j = i - 1;
                while (j >= 0 && _regions[j].Base.Value > moving.Base.Value)
                {
                    _regions[j + 1] = _regions[j];
                    j--;
                }
                _regions[j + 1] = moving;
            }
        }

        // Needs the map sorted. An earlier, longer region can cover later ones, hence the running end.
        private bool FindOverlap(out ulong start, out ulong end)
        {
            ulong furthestEnd = _count > 0 ? _regions[0].End : 0;
            for (int i = 1; i < _count; i++)
            {
                MemoryRegion region = _regions[i];
                if (region.Base.Value < furthestEnd)
                {
                    start = region.Base.Value;
                    end = region.End < furthestEnd ? region.End : furthestEnd;
                    return true;
                }
                if (region.End > furthestEnd)
                    furthestEnd = region.End;
            }
            start = 0;
            end = 0;
            return false;
        }

        // Cuts the address space at every region boundary; each piece covered by some region gets the most
        // restrictive kind among those covering it, and neighbouring pieces of the same kind are joined.
        private void ResolveOverlaps()
        {
            int boundaryCount = _count * 2;
            var boundaries = new ulong[boundaryCount];
            for (int i = 0; i < _count; i++)
            {
                boundaries[2 * i] = _regions[i].Base.Value;
                boundaries[2 * i + 1] = _regions[i].End;
            }
            boundaryCount = SortUnique(boundaries);

            var resolved = new MemoryRegion[boundaryCount > 1 ? boundaryCount - 1 : 1];
            int resolvedCount = 0;
            for (int k = 0; k + 1 < boundaryCount; k++)
            {
                ulong low = boundaries[k];
                ulong high = boundaries[k + 1];
                if (!MostRestrictiveCovering(low, high, out MemoryRegion winner))
                    continue;
                MemoryRegion previous = resolvedCount > 0 ? resolved[resolvedCount - 1] : default;
                if (resolvedCount > 0 && previous.FirmwareType == winner.FirmwareType && previous.End == low)
                    resolved[resolvedCount - 1] = new MemoryRegion(previous.Base, high - previous.Base.Value, winner.Kind, winner.FirmwareType);
                else
                    resolved[resolvedCount++] = new MemoryRegion(new PhysicalAddress(low), high - low, winner.Kind, winner.FirmwareType);
            }
            _regions = resolved;
            _count = resolvedCount;
        }

        private bool MostRestrictiveCovering(ulong low, ulong high, out MemoryRegion winner)
        {
            bool covered = false;
            winner = default;
            for (int i = 0; i < _count; i++)
            {
                MemoryRegion region = _regions[i];
                if (region.Base.Value <= low && region.End >= high && (!covered || Restrictiveness(region.Kind) > Restrictiveness(winner.Kind)))
                {
                    winner = region;
                    covered = true;
                }
            }
            return covered;
        }

        private static int Restrictiveness(MemoryKind kind) => kind switch
        {
            MemoryKind.Usable => 0,
            MemoryKind.AcpiReclaimable => 1,
            MemoryKind.AcpiNvs => 2,
            MemoryKind.BadMemory => 4,
            _ => 3,
        };

        private static int SortUnique(ulong[] values)
        {
            for (int i = 1; i < values.Length; i++)
            {
                ulong moving = values[i];
                int j = i - 1;
                while (j >= 0 && values[j] > moving)
                {
                    values[j + 1] = values[j];
                    j--;
                }
                values[j + 1] = moving;
            }
            int unique = 0;
            for (int i = 0; i < values.Length; i++)
            {
                if (unique == 0 || values[unique - 1] != values[i])
                    values[unique++] = values[i];
            }
            return unique;
        }
    }
}
