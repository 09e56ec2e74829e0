// A pixel buffer seen through a SurfaceGeometry: the only code that writes pixels. Every operation clips
// to the visible rectangle, and a buffer shorter than the geometry requires makes the surface draw
// nothing, so no argument can make it write outside the buffer.
using System;

namespace MinimalOS.Kernel.Console
{
    public readonly ref struct PixelSurface
    {
        private readonly Span<byte> _pixels;
        private readonly SurfaceGeometry _geometry;

        public PixelSurface(Span<byte> pixels, SurfaceGeometry geometry)
        {
            _pixels = pixels;
            _geometry = pixels.Length >= geometry.RequiredBytes ? geometry : default;
        }

        public int Width => _geometry.Width;
        public int Height => _geometry.Height;
        public PixelFormat Format => _geometry.Format;

        /// <summary>The visible pixels of row <paramref name="y"/> (0 &lt;= y &lt; Height).</summary>
        public Span<byte> Row(int y) =>
            _pixels.Slice(y * _geometry.Pitch, _geometry.Width * _geometry.Format.BytesPerPixel);

        public void FillRectangle(int x, int y, int width, int height, uint pixel)
        {
            if (!Clip(ref x, ref width, Width) || !Clip(ref y, ref height, Height))
                return;
            int bytesPerPixel = Format.BytesPerPixel;
            Span<byte> first = Row(y).Slice(x * bytesPerPixel, width * bytesPerPixel);
            for (int offset = 0; offset < first.Length; offset += bytesPerPixel)
                Format.Store(first, offset, pixel);
            // The other rows are copies of the first: one block move per row instead of per-pixel stores.
            for (int row = 1; row < height; row++)
                first.CopyTo(Row(y + row).Slice(x * bytesPerPixel, width * bytesPerPixel));
        }

        /// <summary>Moves <paramref name="count"/> whole pixel rows from <paramref name="sourceY"/> to
        /// <paramref name="destinationY"/> (overlap allowed); rows that would fall outside are not moved.</summary>
        public void MoveRows(int sourceY, int destinationY, int count)
        {
            if (count <= 0 || sourceY < 0 || destinationY < 0 || sourceY >= Height || destinationY >= Height)
                return;
            int lastStart = sourceY > destinationY ? sourceY : destinationY;
            if (count > Height - lastStart)
                count = Height - lastStart;
            // Padding bytes between rows move too: the rows are one contiguous block.
            int pitch = _geometry.Pitch;
            int bytes = (count - 1) * pitch + Row(0).Length;
            _pixels.Slice(sourceY * pitch, bytes).CopyTo(_pixels.Slice(destinationY * pitch, bytes));
        }

        // Narrows [start, start + length) to [0, limit); false when nothing is left.
        private static bool Clip(ref int start, ref int length, int limit)
        {
            if (length <= 0 || start >= limit || start > int.MaxValue - length)
                return false;
            int end = start + length;
            if (end <= 0)
                return false;
            if (start < 0)
                start = 0;
            if (end > limit)
                end = limit;
            length = end - start;
            return true;
        }
    }
}
