// Host tests of glyph drawing: exact pixels, channel positions, clipping at every edge, rectangle fills
// and row moves.
using System;
using MinimalOS.Kernel.Console;
using Xunit;

namespace MinimalOS.Tests.Host.Console
{
    public class GlyphRendererTests
    {
        private const uint Untouched32 = 0xA5A5A5A5;
        private const uint Untouched24 = 0xA5A5A5;

        // A glyph with a distinct pattern in every row, so a shifted or mirrored draw cannot pass.
        private static readonly byte[] Pattern =
        {
            0x80, 0x01, 0xF0, 0x0F, 0xAA, 0x55, 0xFF, 0x00, 0xC3, 0x3C, 0x81, 0x42, 0x24, 0x18, 0xE7, 0x7E,
        };

        private static SurfaceGeometry Geometry(TestFramebuffer fb)
        {
            var info = fb.Info;
            Assert.True(PixelFormat.TryCreate(info.BitsPerPixel, info.RedPosition, info.RedSize, info.GreenPosition, info.GreenSize,
                info.BluePosition, info.BlueSize, out PixelFormat format, out _));
            Assert.True(SurfaceGeometry.TryCreate(info.Width, info.Height, info.Pitch, format, info.SizeInBytes, out SurfaceGeometry geometry, out _));
            return geometry;
        }

        private static PixelSurface Surface(TestFramebuffer fb) =>
            new PixelSurface(fb.Memory.AsSpan(0, (int)fb.Info.SizeInBytes), Geometry(fb));

        [Theory]
        [InlineData(32, 16, 8, 0)]
        [InlineData(32, 0, 8, 16)]
        [InlineData(24, 16, 8, 0)]
        [InlineData(24, 0, 8, 16)]
        public void SetBitsGetForegroundAndClearBitsBackground(byte bitsPerPixel, byte red, byte green, byte blue)
        {
            var fb = new TestFramebuffer(32, 48, bitsPerPixel, padding: 5, redPosition: red, greenPosition: green, bluePosition: blue);
            uint foreground = fb.Encode(new RgbColour(0xFF, 0x80, 0x11));
            uint background = fb.Encode(new RgbColour(0x01, 0x02, 0x03));

            GlyphRenderer.Draw(Surface(fb), 8, 16, Pattern, foreground, background);

            Assert.True(fb.CellShows(1, 1, Pattern, foreground, background));
            uint untouched = bitsPerPixel == 32 ? Untouched32 : Untouched24;
            for (int y = 0; y < 48; y++)
            {
                for (int x = 0; x < 32; x++)
                {
                    bool inCell = x >= 8 && x < 16 && y >= 16 && y < 32;
                    if (!inCell)
                        Assert.Equal(untouched, fb.Pixel(x, y));
                }
            }
            AssertPaddingUntouched(fb);
            Assert.True(fb.GuardIntact());
        }

        [Fact]
        public void ChannelPositionsDecideTheBytesWritten()
        {
            var bgr = new TestFramebuffer(8, 16, 24, redPosition: 0, greenPosition: 8, bluePosition: 16);
            uint red = bgr.Encode(new RgbColour(0xFF, 0, 0));
            GlyphRenderer.Draw(Surface(bgr), 0, 0, Pattern, red, 0);
            // Row 0 is 0x80: only the first pixel is set, and with red at bit 0 it is the bytes FF 00 00.
            Assert.Equal(new byte[] { 0xFF, 0x00, 0x00, 0x00, 0x00, 0x00 }, bgr.Memory[..6]);
        }

        [Theory]
        [InlineData(-3, -5)]
        [InlineData(27, 40)]      // right and bottom edges of 30x50
        [InlineData(-7, 45)]
        [InlineData(29, -15)]
        public void ClipsAtEveryEdge(int x, int y)
        {
            var fb = new TestFramebuffer(30, 50, 32, padding: 8);
            const uint foreground = 0x00FFFFFF;
            const uint background = 0x00000001;
            GlyphRenderer.Draw(Surface(fb), x, y, Pattern, foreground, background);

            for (int py = 0; py < 50; py++)
            {
                for (int px = 0; px < 30; px++)
                {
                    int c = px - x;
                    int r = py - y;
                    uint expected = c >= 0 && c < 8 && r >= 0 && r < 16
                        ? ((Pattern[r] & (0x80 >> c)) != 0 ? foreground : background)
                        : Untouched32;
                    Assert.Equal(expected, fb.Pixel(px, py));
                }
            }
            AssertPaddingUntouched(fb);
            Assert.True(fb.GuardIntact());
        }

        [Theory]
        [InlineData(int.MinValue, 0)]
        [InlineData(int.MaxValue, 0)]
        [InlineData(0, int.MinValue)]
        [InlineData(0, int.MaxValue)]
        [InlineData(-8, 0)]
        [InlineData(0, -16)]
        [InlineData(30, 0)]
        [InlineData(0, 50)]
        public void CellsEntirelyOutsideDrawNothing(int x, int y)
        {
            var fb = new TestFramebuffer(30, 50, 32);
            GlyphRenderer.Draw(Surface(fb), x, y, Pattern, 0x00FFFFFF, 0x00000001);
            Assert.All(fb.Memory, b => Assert.Equal(TestFramebuffer.Guard, b));
        }

        [Fact]
        public void ASurfaceOverATooShortBufferDrawsNothing()
        {
            var fb = new TestFramebuffer(16, 16, 32);
            var shortBuffer = new PixelSurface(fb.Memory.AsSpan(0, (int)fb.Info.SizeInBytes - 1), Geometry(fb));
            GlyphRenderer.Draw(shortBuffer, 0, 0, Pattern, 0x00FFFFFF, 0);
            shortBuffer.FillRectangle(0, 0, 16, 16, 0);
            shortBuffer.MoveRows(1, 0, 15);
            Assert.All(fb.Memory, b => Assert.Equal(TestFramebuffer.Guard, b));
        }

        [Fact]
        public void FillRectangleClipsToTheSurface()
        {
            var fb = new TestFramebuffer(10, 10, 24, padding: 2);
            Surface(fb).FillRectangle(-5, 7, 8, 100, 0x123456);
            for (int y = 0; y < 10; y++)
            {
                for (int x = 0; x < 10; x++)
                    Assert.Equal(x < 3 && y >= 7 ? 0x123456u : Untouched24, fb.Pixel(x, y));
            }
            AssertPaddingUntouched(fb);
            Assert.True(fb.GuardIntact());
        }

        [Fact]
        public void FillRectangleIgnoresEmptyAndOverflowingRectangles()
        {
            var fb = new TestFramebuffer(10, 10, 32);
            var surface = Surface(fb);
            surface.FillRectangle(0, 0, 0, 10, 0);
            surface.FillRectangle(0, 0, 10, -1, 0);
            surface.FillRectangle(int.MaxValue, 0, int.MaxValue, 10, 0);
            surface.FillRectangle(int.MinValue, 0, 5, 10, 0);
            Assert.All(fb.Memory, b => Assert.Equal(TestFramebuffer.Guard, b));
        }

        [Fact]
        public void MoveRowsCopiesWholeRowsAndStaysInside()
        {
            var fb = new TestFramebuffer(4, 6, 32);
            var surface = Surface(fb);
            for (int y = 0; y < 6; y++)
                surface.FillRectangle(0, y, 4, 1, (uint)y);
            surface.MoveRows(2, 0, 100);   // asks for more rows than exist: moves rows 2..5 only
            uint[] expectedRows = { 2, 3, 4, 5, 4, 5 };
            for (int y = 0; y < 6; y++)
                Assert.Equal(expectedRows[y], fb.Pixel(3, y));
            Assert.True(fb.GuardIntact());
        }

        private static void AssertPaddingUntouched(TestFramebuffer fb)
        {
            int rowBytes = (int)fb.Info.Width * fb.BytesPerPixel;
            for (int y = 0; y < fb.Info.Height; y++)
            {
                for (int i = rowBytes; i < fb.Info.Pitch; i++)
                    Assert.Equal(TestFramebuffer.Guard, fb.Memory[y * (int)fb.Info.Pitch + i]);
            }
        }
    }
}
