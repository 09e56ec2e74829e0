// Host tests of PageTableEntry: frame and flags never bleed into each other.
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Paging;
using Xunit;

namespace MinimalOS.Tests.Host.Memory.Paging
{
    public class PageTableEntryTests
    {
        [Fact]
        public void FrameAndFlagsAreKeptApart()
        {
            var entry = new PageTableEntry(new PhysicalAddress(0xFFFF_1234_5678_9ABC), PageFlags.Present | PageFlags.NoExecute | PageFlags.Global);
            Assert.Equal(0x000F_1234_5678_9000UL, entry.Frame.Value);
            Assert.Equal(PageFlags.Present | PageFlags.NoExecute | PageFlags.Global, entry.Flags);
            Assert.True(entry.IsPresent);
            Assert.False(entry.IsHuge);
            Assert.True(entry.Has(PageFlags.Present | PageFlags.Global));
            Assert.False(entry.Has(PageFlags.Present | PageFlags.Writable));
        }

        [Fact]
        public void EveryNamedFlagHasItsArchitecturalBit()
        {
            Assert.Equal(0x1UL, (ulong)PageFlags.Present);
            Assert.Equal(0x2UL, (ulong)PageFlags.Writable);
            Assert.Equal(0x4UL, (ulong)PageFlags.User);
            Assert.Equal(0x8UL, (ulong)PageFlags.WriteThrough);
            Assert.Equal(0x10UL, (ulong)PageFlags.CacheDisable);
            Assert.Equal(0x20UL, (ulong)PageFlags.Accessed);
            Assert.Equal(0x40UL, (ulong)PageFlags.Dirty);
            Assert.Equal(0x80UL, (ulong)PageFlags.Huge);
            Assert.Equal(0x100UL, (ulong)PageFlags.Global);
            Assert.Equal(1UL << 63, (ulong)PageFlags.NoExecute);
        }

        [Fact]
        public void UnnamedBitsOfARawEntryAreNotFlags()
        {
            var entry = new PageTableEntry(0x7FF0_0000_0000_0E01UL | 0x5000);
            Assert.Equal(PageFlags.Present, entry.Flags);
            Assert.Equal(0x5000UL, entry.Frame.Value);
        }
    }
}
