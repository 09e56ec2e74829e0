// Host tests of framebuffer geometry validation: pitch, padding, and buffers too small for what the loader
// claims.
using MinimalOS.Kernel.Console;
using Xunit;

namespace MinimalOS.Tests.Host.Console
{
    public class SurfaceGeometryTests
    {
        private static PixelFormat Format(int bitsPerPixel)
        {
            Assert.True(PixelFormat.TryCreate(bitsPerPixel, 16, 8, 8, 8, 0, 8, out PixelFormat format, out _));
            return format;
        }

        [Fact]
        public void AcceptsAConsistentGeometry()
        {
            Assert.True(SurfaceGeometry.TryCreate(1024, 768, 4096, Format(32), 4096UL * 768, out SurfaceGeometry geometry, out _));
            Assert.Equal(1024, geometry.Width);
            Assert.Equal(768, geometry.Height);
            Assert.Equal(4096, geometry.Pitch);
            Assert.Equal(4096 * 768, geometry.RequiredBytes);
        }

        [Fact]
        public void AcceptsPaddedRows() =>
            Assert.True(SurfaceGeometry.TryCreate(100, 10, 320, Format(24), 3200, out _, out _));

        [Theory]
        [InlineData(0u, 10u, 4096u, 40960ul)]            // no width
        [InlineData(10u, 0u, 4096u, 40960ul)]            // no height
        [InlineData(1024u, 768u, 4092u, 4096ul * 768)]   // pitch one pixel short
        [InlineData(1024u, 768u, 4096u, 4096ul * 767)]   // buffer one row short
        [InlineData(0x40000000u, 4u, 0xFFFFFFFFu, ulong.MaxValue)]   // width * 4 overflows 32 bits
        [InlineData(65536u, 65536u, 262144u, ulong.MaxValue)]        // larger than 2 GiB
        public void RejectsGeometryThatDoesNotFit(uint width, uint height, uint pitch, ulong bufferBytes)
        {
            Assert.False(SurfaceGeometry.TryCreate(width, height, pitch, Format(32), bufferBytes, out _, out string whyNot));
            Assert.False(string.IsNullOrEmpty(whyNot));
        }

        [Fact]
        public void RejectsAMissingPixelFormat() =>
            Assert.False(SurfaceGeometry.TryCreate(10, 10, 40, default, 400, out _, out _));
    }
}
