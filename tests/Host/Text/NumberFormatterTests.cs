// Host tests of allocation-free integer formatting, decimal and hex, and its refusal to write partial
// numbers.
using System;
using System.Text;
using MinimalOS.Kernel.Text;
using Xunit;

namespace MinimalOS.Tests.Host.Text
{
    public class NumberFormatterTests
    {
        [Theory]
        [InlineData(0UL, "0")]
        [InlineData(7UL, "7")]
        [InlineData(10UL, "10")]
        [InlineData(1234567890UL, "1234567890")]
        [InlineData(ulong.MaxValue, "18446744073709551615")]
        public void FormatsUnsignedDecimal(ulong value, string expected)
        {
            Span<byte> buffer = stackalloc byte[32];
            int n = NumberFormatter.FormatDecimal(value, buffer);
            Assert.Equal(expected, Encoding.ASCII.GetString(buffer.Slice(0, n)));
        }

        [Theory]
        [InlineData(0L, "0")]
        [InlineData(-1L, "-1")]
        [InlineData(long.MinValue, "-9223372036854775808")]
        [InlineData(long.MaxValue, "9223372036854775807")]
        public void FormatsSignedDecimal(long value, string expected)
        {
            Span<byte> buffer = stackalloc byte[32];
            int n = NumberFormatter.FormatDecimal(value, buffer);
            Assert.Equal(expected, Encoding.ASCII.GetString(buffer.Slice(0, n)));
        }

        [Theory]
        [InlineData(0UL, 1, false, "0")]
        [InlineData(0xABCUL, 1, false, "abc")]
        [InlineData(0xABCUL, 1, true, "ABC")]
        [InlineData(0x1FUL, 8, false, "0000001f")]
        [InlineData(ulong.MaxValue, 1, false, "ffffffffffffffff")]
        [InlineData(0x1UL, 99, false, "0000000000000001")]
        public void FormatsHex(ulong value, int minDigits, bool upper, string expected)
        {
            Span<byte> buffer = stackalloc byte[32];
            int n = NumberFormatter.FormatHex(value, minDigits, upper, buffer);
            Assert.Equal(expected, Encoding.ASCII.GetString(buffer.Slice(0, n)));
        }

        [Fact]
        public void RefusesToWriteAPartialNumber()
        {
            Span<byte> buffer = stackalloc byte[3];
            Assert.Equal(0, NumberFormatter.FormatDecimal(12345UL, buffer));
            Assert.Equal(0, NumberFormatter.FormatDecimal(-12L, buffer.Slice(0, 2)));
            Assert.Equal(0, NumberFormatter.FormatHex(0x1234UL, 1, false, buffer));
            Assert.Equal(3, NumberFormatter.FormatDecimal(999UL, buffer));
        }
    }
}
