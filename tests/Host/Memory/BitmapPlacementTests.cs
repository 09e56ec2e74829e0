// Host tests of where the frame bitmaps go: the lowest fitting usable run at or above 1 MiB, around
// reserved ranges, and only below the accessible end.
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Physical;
using Xunit;
using static MinimalOS.Tests.Host.Memory.TestMemoryMaps;

namespace MinimalOS.Tests.Host.Memory
{
    public class BitmapPlacementTests
    {
        [Fact]
        public void LowestUsableRunAboveOneMiB()
        {
            Assert.True(BitmapPlacement.TryFind(Small(), new ReservedRanges(), 8192, MiB, 4 * GiB, out PhysicalAddress start));
            Assert.Equal(MiB, start.Value);
        }

        [Fact]
        public void StepsPastOverlappingReservedRanges()
        {
            var reserved = new ReservedRanges();
            reserved.Add(new PhysicalAddress(MiB), 3 * MiB, "kernel");
            reserved.Add(new PhysicalAddress(2 * MiB), 2 * MiB + 10, "module overlapping the kernel, unaligned end");
            Assert.True(BitmapPlacement.TryFind(Small(), reserved, 8192, MiB, 4 * GiB, out PhysicalAddress start));
            Assert.Equal(4 * MiB + 4096, start.Value);
        }

        [Fact]
        public void SkipsRegionsTooSmallAndRoundsUnalignedStarts()
        {
            MemoryMap map = Build((MiB, 8192, MemoryKind.Usable), (2 * MiB + 100, 64 * KiB, MemoryKind.Usable));
            Assert.True(BitmapPlacement.TryFind(map, new ReservedRanges(), 16384, MiB, 4 * GiB, out PhysicalAddress start));
            Assert.Equal(2 * MiB + 4096, start.Value);
        }

        [Fact]
        public void NeverAtOrAboveTheAccessibleEnd()
        {
            MemoryMap map = Build((0, 0x9F000, MemoryKind.Usable), (4 * GiB, GiB, MemoryKind.Usable));
            Assert.False(BitmapPlacement.TryFind(map, new ReservedRanges(), 4096, MiB, 4 * GiB, out _));
            MemoryMap straddling = Build((4 * GiB - 8192, 2 * MiB, MemoryKind.Usable));
            Assert.False(BitmapPlacement.TryFind(straddling, new ReservedRanges(), 3 * 4096, MiB, 4 * GiB, out _));
            Assert.True(BitmapPlacement.TryFind(straddling, new ReservedRanges(), 2 * 4096, MiB, 4 * GiB, out PhysicalAddress start));
            Assert.Equal(4 * GiB - 8192, start.Value);
        }
    }
}
