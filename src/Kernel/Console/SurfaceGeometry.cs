// The checked shape of a pixel buffer: visible width and height, bytes per row (pitch) and pixel format.
// Only TryCreate makes one, and only when every visible pixel lies inside the buffer it describes, so
// code holding a SurfaceGeometry can compute offsets without overflow or out-of-bounds surprises.
namespace MinimalOS.Kernel.Console
{
    public readonly struct SurfaceGeometry
    {
        private SurfaceGeometry(int width, int height, int pitch, PixelFormat format)
        {
            Width = width;
            Height = height;
            Pitch = pitch;
            Format = format;
        }

        public int Width { get; }
        public int Height { get; }
        /// <summary>Bytes from the start of one pixel row to the next.</summary>
        public int Pitch { get; }
        public PixelFormat Format { get; }

        /// <summary>Bytes the buffer must have: every row, padding included.</summary>
        public int RequiredBytes => Pitch * Height;

        public static bool TryCreate(uint width, uint height, uint pitch, PixelFormat format, ulong bufferBytes,
            out SurfaceGeometry geometry, out string whyNot)
        {
            geometry = default;
            if (format.BytesPerPixel == 0)
            {
                whyNot = "no pixel format";
                return false;
            }
            if (width == 0 || height == 0)
            {
                whyNot = "width or height is zero";
                return false;
            }
            if ((ulong)width * (ulong)format.BytesPerPixel > pitch)
            {
                whyNot = "pitch is smaller than a row of pixels";
                return false;
            }
            ulong required = (ulong)pitch * height;
            if (required > int.MaxValue)
            {
                whyNot = "buffer larger than 2 GiB";
                return false;
            }
            if (required > bufferBytes)
            {
                whyNot = "pitch times height exceeds the buffer size";
                return false;
            }
            geometry = new SurfaceGeometry((int)width, (int)height, (int)pitch, format);
            whyNot = null;
            return true;
        }
    }
}
