// Host tests of pixel encoding for the framebuffer's RGB layouts, including layouts it must refuse.
using MinimalOS.Kernel.Console;
using Xunit;

namespace MinimalOS.Tests.Host.Console
{
    public class PixelFormatTests
    {
        private static readonly RgbColour Orange = new RgbColour(0xFF, 0x80, 0x11);

        [Theory]
        [InlineData(32, 16, 8, 0, 0x00FF8011u)]  // x8r8g8b8, the usual BIOS/UEFI layout
        [InlineData(32, 0, 8, 16, 0x001180FFu)]  // x8b8g8r8
        [InlineData(24, 16, 8, 0, 0x00FF8011u)]
        [InlineData(24, 0, 8, 16, 0x001180FFu)]
        public void EncodesEightBitChannelsAtTheirPositions(int bitsPerPixel, byte red, byte green, byte blue, uint expected)
        {
            Assert.True(PixelFormat.TryCreate(bitsPerPixel, red, 8, green, 8, blue, 8, out PixelFormat format, out string whyNot), whyNot);
            Assert.Equal(expected, format.Encode(Orange));
            Assert.Equal(bitsPerPixel / 8, format.BytesPerPixel);
        }

        [Fact]
        public void NarrowChannelsKeepTheMostSignificantBits()
        {
            Assert.True(PixelFormat.TryCreate(16, 11, 5, 5, 6, 0, 5, out PixelFormat rgb565, out _));
            // red 0xFF -> 31, green 0x80 -> 32, blue 0x11 -> 2
            Assert.Equal((31u << 11) | (32u << 5) | 2u, rgb565.Encode(Orange));
            Assert.Equal(2, rgb565.BytesPerPixel);
        }

        [Fact]
        public void StoresLittleEndianAndOnlyItsOwnBytes()
        {
            Assert.True(PixelFormat.TryCreate(24, 16, 8, 8, 8, 0, 8, out PixelFormat format, out _));
            byte[] buffer = { 0xEE, 0xEE, 0xEE, 0xEE, 0xEE };
            format.Store(buffer, 1, 0x00AABBCC);
            Assert.Equal(new byte[] { 0xEE, 0xCC, 0xBB, 0xAA, 0xEE }, buffer);
        }

        [Theory]
        [InlineData(8, 16, 8, 8, 8, 0, 8)]     // palette depth
        [InlineData(0, 16, 8, 8, 8, 0, 8)]
        [InlineData(33, 16, 8, 8, 8, 0, 8)]
        [InlineData(24, 20, 8, 8, 8, 0, 8)]    // red beyond bit 23
        [InlineData(32, 16, 10, 8, 8, 0, 8)]   // 10-bit channel
        [InlineData(32, 16, 0, 8, 8, 0, 8)]    // empty channel
        [InlineData(32, 8, 8, 8, 8, 0, 8)]     // red and green overlap
        [InlineData(32, 16, 8, 8, 8, 12, 8)]   // blue overlaps green and red
        [InlineData(32, 250, 8, 8, 8, 0, 8)]   // position overflow
        public void RejectsLayoutsItCannotEncode(int bitsPerPixel, byte red, byte redSize, byte green, byte greenSize, byte blue, byte blueSize)
        {
            Assert.False(PixelFormat.TryCreate(bitsPerPixel, red, redSize, green, greenSize, blue, blueSize, out _, out string whyNot));
            Assert.False(string.IsNullOrEmpty(whyNot));
        }
    }
}
