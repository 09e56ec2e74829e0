// Host tests of PatLayout: the kernel's MSR value, the PWT/PCD/PAT bits it gives each cache type for 4 KiB
// and 2 MiB leaves (the PAT bit moves from bit 7 to bit 12), decoding leaves back, and that the kernel's own
// mappings (WB with no bits, device registers with PCD|PWT) mean what they meant under the power-on PAT.
using MinimalOS.Kernel.Memory.Paging;
using Xunit;

namespace MinimalOS.Tests.Host.Memory.Paging
{
    public class PatLayoutTests
    {
        private const ulong Pwt = 1UL << 3;
        private const ulong Pcd = 1UL << 4;

        [Fact]
        public void KernelLayoutIsThePowerOnOneWithWriteCombiningInEntryOne()
        {
            var power = new PatLayout(PatLayout.PowerOnMsrValue);
            PatLayout kernel = PatLayout.Kernel;
            Assert.Equal(0x0007_0406_0007_0106UL, kernel.MsrValue);
            Assert.True(kernel.IsValid);
            Assert.True(power.IsValid);
            Assert.Equal(PatMemoryType.WriteThrough, power.EntryType(1));
            Assert.Equal(PatMemoryType.WriteCombining, kernel.EntryType(1));
            for (int entry = 0; entry < 8; entry++)
            {
                if (entry != 1)
                    Assert.Equal(power.EntryType(entry), kernel.EntryType(entry));
            }
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void TheKernelsOwnMappingsKeepTheirMeaning(bool largePage)
        {
            var power = new PatLayout(PatLayout.PowerOnMsrValue);
            Assert.Equal(PatMemoryType.WriteBack, PatLayout.Kernel.MemoryTypeOf(0, largePage));
            Assert.Equal(PatMemoryType.Uncacheable, PatLayout.Kernel.MemoryTypeOf(Pcd | Pwt, largePage));
            Assert.Equal(power.MemoryTypeOf(0, largePage), PatLayout.Kernel.MemoryTypeOf(0, largePage));
            Assert.Equal(power.MemoryTypeOf(Pcd | Pwt, largePage), PatLayout.Kernel.MemoryTypeOf(Pcd | Pwt, largePage));
        }

        [Theory]
        [InlineData(CacheType.WriteBack, false, 0UL)]
        [InlineData(CacheType.WriteBack, true, 0UL)]
        [InlineData(CacheType.WriteCombining, false, Pwt)]
        [InlineData(CacheType.WriteCombining, true, Pwt)]
        [InlineData(CacheType.Uncached, false, Pcd | Pwt)]
        [InlineData(CacheType.Uncached, true, Pcd | Pwt)]
        public void KernelLayoutLeafBitsForEachCacheType(CacheType cache, bool largePage, ulong expected)
        {
            Assert.True(PatLayout.Kernel.TryGetLeafBits(cache, largePage, out ulong bits));
            Assert.Equal(expected, bits);
            Assert.Equal(0UL, bits & ~PatLayout.LeafBitsMask(largePage));
        }

        [Fact]
        public void AnEntryAboveThreeUsesThePatBitOfTheLeafsSize()
        {
            // WC in entry 4 (PAT=1, PCD=0, PWT=0), the other choice the kernel did not take.
            var layout = new PatLayout(0x0007_0401_0007_0406);
            Assert.True(layout.TryGetLeafBits(CacheType.WriteCombining, largePage: false, out ulong small));
            Assert.True(layout.TryGetLeafBits(CacheType.WriteCombining, largePage: true, out ulong large));
            Assert.Equal(1UL << 7, small);
            Assert.Equal(1UL << 12, large);
            Assert.Equal(PatMemoryType.WriteCombining, layout.MemoryTypeOf(small, largePage: false));
            Assert.Equal(PatMemoryType.WriteCombining, layout.MemoryTypeOf(large, largePage: true));
            // Bit 7 of a 2 MiB leaf is the page-size bit, not the PAT bit.
            Assert.Equal(PatMemoryType.WriteBack, layout.MemoryTypeOf(1UL << 7, largePage: true));
        }

        [Fact]
        public void UnknownOrAbsentCacheTypesHaveNoBits()
        {
            Assert.False(PatLayout.Kernel.TryGetLeafBits((CacheType)3, largePage: false, out _));
            Assert.False(new PatLayout(PatLayout.PowerOnMsrValue).TryGetLeafBits(CacheType.WriteCombining, largePage: false, out _));
        }

        [Theory]
        [InlineData(0x0007_0406_0007_0102UL)]
        [InlineData(0x0007_0406_0007_0306UL)]
        [InlineData(0x0007_0406_0008_0106UL)]
        [InlineData(0x1007_0406_0007_0106UL)]
        public void ReservedEncodingsMakeALayoutInvalid(ulong msrValue) => Assert.False(new PatLayout(msrValue).IsValid);
    }
}
