// Host tests of memory-map normalisation: sorting, overlaps (the more restrictive kind wins), empty and
// wrapping regions, capacity.
using MinimalOS.Kernel.Boot;
using Xunit;

namespace MinimalOS.Tests.Host.Boot
{
    public class MemoryMapTests
    {
        private static MemoryMap Build(BootWarnings warnings, params (ulong Base, ulong Length, uint Type)[] entries)
        {
            var map = new MemoryMap();
            foreach (var entry in entries)
                map.Add(entry.Base, entry.Length, MultibootMemoryType.ToKind(entry.Type), entry.Type, warnings);
            map.Complete(warnings);
            return map;
        }

        private static void AssertRegion(MemoryMap map, int index, ulong start, ulong end, MemoryKind kind)
        {
            Assert.Equal(start, map[index].Base.Value);
            Assert.Equal(end, map[index].End);
            Assert.Equal(kind, map[index].Kind);
        }

        [Fact]
        public void KeepsAWellFormedMapAsGiven()
        {
            var warnings = new BootWarnings();
            MemoryMap map = Build(warnings, (0, 0x1000, 1), (0x1000, 0x1000, 1), (0x2000, 0x1000, 2));

            Assert.Equal(0, warnings.Count);
            Assert.Equal(3, map.Count);
            Assert.Equal(0x2000UL, map.TotalUsableBytes);
        }

        [Fact]
        public void SortsAnUnsortedMap()
        {
            var warnings = new BootWarnings();
            MemoryMap map = Build(warnings, (0x100000, 0x1000, 1), (0, 0x1000, 1), (0x50000, 0x1000, 2));

            Assert.True(warnings.Contains(BootWarningCode.Unsorted));
            AssertRegion(map, 0, 0, 0x1000, MemoryKind.Usable);
            AssertRegion(map, 1, 0x50000, 0x51000, MemoryKind.Reserved);
            AssertRegion(map, 2, 0x100000, 0x101000, MemoryKind.Usable);
        }

        [Fact]
        public void GivesOverlapsTheMoreRestrictiveKind()
        {
            var warnings = new BootWarnings();
            MemoryMap map = Build(warnings, (0, 0x10000, 1), (0x8000, 0x10000, 2));

            BootWarning overlap = warnings[0];
            Assert.Equal(BootWarningCode.Overlap, overlap.Code);
            Assert.Equal(0x8000UL, overlap.A);
            Assert.Equal(0x10000UL, overlap.B);
            Assert.Equal(2, map.Count);
            AssertRegion(map, 0, 0, 0x8000, MemoryKind.Usable);
            AssertRegion(map, 1, 0x8000, 0x18000, MemoryKind.Reserved);
            Assert.Equal(0x8000UL, map.TotalUsableBytes);
        }

        [Fact]
        public void SplitsAUsableRegionAroundAReservedOneInside()
        {
            var warnings = new BootWarnings();
            MemoryMap map = Build(warnings, (0, 0x100000, 1), (0x9F000, 0x1000, 5), (0x20000, 0x1000, 1));

            Assert.True(warnings.Contains(BootWarningCode.Overlap));
            Assert.Equal(3, map.Count);
            AssertRegion(map, 0, 0, 0x9F000, MemoryKind.Usable);
            AssertRegion(map, 1, 0x9F000, 0xA0000, MemoryKind.BadMemory);
            AssertRegion(map, 2, 0xA0000, 0x100000, MemoryKind.Usable);
            Assert.Equal(0x100000UL - 0x1000, map.TotalUsableBytes);
        }

        [Fact]
        public void DropsEmptyRegionsAndClipsWrappingOnes()
        {
            var warnings = new BootWarnings();
            MemoryMap map = Build(warnings, (0x1000, 0, 1), (0xFFFF_FFFF_FFFF_0000, 0x20000, 2));

            Assert.True(warnings.Contains(BootWarningCode.EmptyRegion));
            Assert.True(warnings.Contains(BootWarningCode.RegionWraps));
            Assert.Equal(1, map.Count);
            Assert.Equal(ulong.MaxValue, map[0].End);
        }

        [Fact]
        public void KeepsOnlyTheCapacityAndReportsTheRest()
        {
            var warnings = new BootWarnings();
            var map = new MemoryMap();
            for (ulong i = 0; i < MemoryMap.Capacity + 10; i++)
                map.Add(i * 0x2000, 0x1000, MemoryKind.Usable, 1, warnings);
            map.Complete(warnings);

            Assert.Equal(MemoryMap.Capacity, map.Count);
            Assert.Equal(BootWarningCode.TooManyEntries, warnings[0].Code);
            Assert.Equal((ulong)MemoryMap.Capacity + 10, warnings[0].A);
        }

        [Fact]
        public void RecordsTheFirmwareTypeOfUnrecognizedRegions()
        {
            MemoryMap map = Build(new BootWarnings(), (0, 0x1000, 20));

            Assert.Equal(MemoryKind.Unrecognized, map[0].Kind);
            Assert.Equal(20u, map[0].FirmwareType);
            Assert.Equal(0UL, map.TotalUsableBytes);
        }
    }
}
