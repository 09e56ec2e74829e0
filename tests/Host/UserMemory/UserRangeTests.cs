// Host tests of user-pointer checking: every kind of bad address a program can pass (null, page 0, the
// kernel half, non-canonical, the reserved last page, ranges that straddle or wrap past the end of the
// user half, array lengths whose byte count overflows) is BadAddress, and good ranges keep their bounds.
using MinimalOS.Abi;
using MinimalOS.Kernel.UserMemory;
using Xunit;

namespace MinimalOS.Tests.Host.UserMemory
{
    public sealed class UserRangeTests
    {
        [Theory]
        [InlineData(0UL, 1UL)]                                  // null
        [InlineData(0xFFFUL, 1UL)]                              // page 0
        [InlineData(0xFFFF_8000_0000_0000UL, 8UL)]              // kernel half
        [InlineData(0xFFFF_FFFF_8010_0000UL, 1UL)]              // kernel image
        [InlineData(0x0000_8000_0000_0000UL, 1UL)]              // first non-canonical address
        [InlineData(0x1234_5678_9ABC_DEF0UL, 4UL)]              // non-canonical
        [InlineData(0x0000_7FFF_FFFF_F000UL, 1UL)]              // the reserved last page
        [InlineData(0x0000_7FFF_FFFF_EFF8UL, 16UL)]             // straddles the end
        [InlineData(0x10000UL, ulong.MaxValue)]                 // wraps around
        [InlineData(0x10000UL, 0x0000_7FFF_FFFF_0001UL)]        // ends past the user half
        public void BadRangesAreRefused(ulong address, ulong length)
        {
            Assert.Equal(SyscallError.BadAddress, UserRange.Check(address, length, out UserRange range));
            Assert.Equal(0UL, range.Length);
        }

        [Theory]
        [InlineData(0x1000UL, 1UL)]
        [InlineData(0x40_0000UL, 4096UL)]
        [InlineData(0x0000_7FFF_FFFF_EFF8UL, 8UL)]              // the last bytes a program may use
        [InlineData(0x1000UL, 0x0000_7FFF_FFFF_E000UL)]          // the whole user half
        public void GoodRangesKeepTheirBounds(ulong address, ulong length)
        {
            Assert.Equal(SyscallError.None, UserRange.Check(address, length, out UserRange range));
            Assert.Equal(address, range.Start);
            Assert.Equal(length, range.Length);
        }

        [Fact]
        public void AnEmptyRangeIsValidAnywhere()
        {
            Assert.Equal(SyscallError.None, UserRange.Check(0, 0, out UserRange range));
            Assert.Equal(0UL, range.Length);
            Assert.Equal(SyscallError.None, UserRange.Check(0xFFFF_FFFF_FFFF_FFFF, 0, out _));
        }

        [Fact]
        public void PointersCheckTheSizeOfTheirType()
        {
            Assert.Equal(SyscallError.None, new UserPointer<ulong>(0x0000_7FFF_FFFF_EFF8).Check(out UserRange range));
            Assert.Equal(8UL, range.Length);
            Assert.Equal(SyscallError.BadAddress, new UserPointer<ulong>(0x0000_7FFF_FFFF_EFF9).Check(out _));
            Assert.Equal(SyscallError.BadAddress, new UserPointer<ulong>(0).Check(out _));
        }

        [Fact]
        public void ArrayByteCountsThatOverflowAreRefused()
        {
            var pointer = new UserPointer<ulong>(0x10000);
            Assert.Equal(SyscallError.BadAddress, pointer.CheckArray(ulong.MaxValue / 4, out _));
            Assert.Equal(SyscallError.None, pointer.CheckArray(512, out UserRange range));
            Assert.Equal(4096UL, range.Length);
        }

        [Fact]
        public void PrefixNeverGrowsTheRange()
        {
            UserRange.Check(0x10000, 100, out UserRange range);
            Assert.Equal(10UL, range.Prefix(10).Length);
            Assert.Equal(100UL, range.Prefix(1000).Length);
            Assert.Equal(0x10000UL, range.Prefix(10).Start);
        }
    }
}
