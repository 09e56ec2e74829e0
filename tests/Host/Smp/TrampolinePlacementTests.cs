// Host tests of choosing the AP start-up page: the highest whole usable page below the EBDA, never page 0,
// never a page the map calls anything but usable (or only partly covers), never one the boot information
// or a module overlaps, and a clear "none" when low memory has no usable page.
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Physical;
using MinimalOS.Kernel.Smp;
using MinimalOS.Tests.Host.Memory;
using Xunit;

namespace MinimalOS.Tests.Host.Smp
{
    public sealed class TrampolinePlacementTests
    {
        [Fact]
        public void SeaBiosMapGivesTheHighestWholeUsablePage()
        {
            Assert.True(TrampolinePlacement.TryChoosePage(TestMemoryMaps.Small(), null, out PhysicalAddress page));
            Assert.Equal(0x9E000UL, page.Value);
        }

        [Fact]
        public void PartlyUsablePageIsNotTaken()
        {
            MemoryMap map = TestMemoryMaps.Build((0, 0x9E800, MemoryKind.Usable), (0x9E800, 0x1800, MemoryKind.Reserved));
            Assert.True(TrampolinePlacement.TryChoosePage(map, null, out PhysicalAddress page));
            Assert.Equal(0x9D000UL, page.Value);
        }

        [Fact]
        public void UsableRamAtOrAbove0x9F000IsNeverTaken()
        {
            MemoryMap map = TestMemoryMaps.Build((0x9F000, 0x61000, MemoryKind.Usable));
            Assert.False(TrampolinePlacement.TryChoosePage(map, null, out _));
        }

        [Fact]
        public void PageZeroIsNeverTaken()
        {
            MemoryMap map = TestMemoryMaps.Build((0, 0x1000, MemoryKind.Usable), (0x1000, 0x9E000, MemoryKind.Reserved));
            Assert.False(TrampolinePlacement.TryChoosePage(map, null, out _));
        }

        [Fact]
        public void OnlyUsablePagesAreCandidates()
        {
            MemoryMap map = TestMemoryMaps.Build(
                (0, 0x8000, MemoryKind.Usable),
                (0x8000, 0x97000, MemoryKind.AcpiNvs));
            Assert.True(TrampolinePlacement.TryChoosePage(map, null, out PhysicalAddress page));
            Assert.Equal(0x7000UL, page.Value);
        }

        [Fact]
        public void BootDataInLowMemoryIsAvoided()
        {
            var avoid = new ReservedRanges();
            avoid.Add(new PhysicalAddress(0x9D800), 0x1000, "boot information");
            avoid.Add(new PhysicalAddress(0x9E000), 1, "boot module");
            Assert.True(TrampolinePlacement.TryChoosePage(TestMemoryMaps.Small(), avoid, out PhysicalAddress page));
            Assert.Equal(0x9C000UL, page.Value);
        }

        [Fact]
        public void NoUsableLowMemoryMeansNoPage()
        {
            MemoryMap map = TestMemoryMaps.Build((0, 0x100000, MemoryKind.Reserved), (0x100000, 0x1000000, MemoryKind.Usable));
            Assert.False(TrampolinePlacement.TryChoosePage(map, null, out PhysicalAddress page));
            Assert.Equal(0UL, page.Value);
        }

        [Fact]
        public void EmptyMapMeansNoPage() => Assert.False(TrampolinePlacement.TryChoosePage(new MemoryMap(), null, out _));
    }
}
