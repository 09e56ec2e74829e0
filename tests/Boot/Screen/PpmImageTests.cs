// The PPM parser reads QEMU's screendumps correctly and rejects damaged files with a clear error.
using System;
using System.Linq;
using System.Text;
using Xunit;

namespace MinimalOS.Tests.Boot.Screen
{
    public sealed class PpmImageTests
    {
        private static byte[] Ppm(string header, params byte[] pixels) => Encoding.ASCII.GetBytes(header).Concat(pixels).ToArray();

        [Fact]
        public void ReadsPixelsRowByRow()
        {
            PpmImage image = PpmImage.Parse(Ppm("P6\n2 2\n255\n", 1, 2, 3, 4, 5, 6, 7, 8, 9, 250, 251, 252));
            Assert.Equal(2, image.Width);
            Assert.Equal(2, image.Height);
            Assert.Equal(new Rgb(4, 5, 6), image[1, 0]);
            Assert.Equal(new Rgb(7, 8, 9), image[0, 1]);
            Assert.Equal(new Rgb(250, 251, 252), image[1, 1]);
        }

        [Fact]
        public void SkipsCommentsInTheHeader()
        {
            PpmImage image = PpmImage.Parse(Ppm("P6 # made by QEMU\n1 # width\n1\n255\n", 9, 8, 7));
            Assert.Equal(new Rgb(9, 8, 7), image[0, 0]);
        }

        [Fact]
        public void ScalesSixteenBitSamples()
        {
            PpmImage image = PpmImage.Parse(Ppm("P6 1 1 65535\n", 0xFF, 0xFF, 0x80, 0x00, 0x00, 0x00));
            Assert.Equal(new Rgb(255, 127, 0), image[0, 0]);
        }

        [Fact]
        public void CountsPixelsInAClippedRectangle()
        {
            PpmImage image = PpmImage.Parse(Ppm("P6 2 2 255\n", 0, 0, 0, 200, 200, 200, 0, 0, 0, 0, 0, 0));
            Assert.Equal(1, image.Count(0, 0, 10, 10, pixel => !pixel.IsBlack));
            Assert.Equal(0, image.Count(0, 1, 2, 1, pixel => !pixel.IsBlack));
        }

        [Theory]
        [InlineData("P3 1 1 255\n")]
        [InlineData("P6 1\n")]
        [InlineData("P6 x 1 255\n")]
        [InlineData("P6 0 1 255\n")]
        public void RejectsABadHeader(string header) =>
            Assert.Throws<FormatException>(() => PpmImage.Parse(Ppm(header, 1, 2, 3)));

        [Fact]
        public void RejectsShortPixelData()
        {
            var error = Assert.Throws<FormatException>(() => PpmImage.Parse(Ppm("P6 2 1 255\n", 1, 2, 3, 4)));
            Assert.Contains("6 expected", error.Message);
        }
    }
}
