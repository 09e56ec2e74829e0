// Draws one 8-pixel-wide bitmap glyph cell into a PixelSurface: set bits in the foreground colour, clear
// bits in the background colour, so a cell is always fully repainted. Cells partly off the surface are
// clipped pixel by pixel; the bitmap's rows are read only as far as it is long.
using System;

namespace MinimalOS.Kernel.Console
{
    public static class GlyphRenderer
    {
        public const int GlyphWidth = 8;

        /// <param name="rows">One byte per pixel row, top first; the most significant bit is the leftmost pixel.</param>
        public static void Draw(PixelSurface surface, int x, int y, ReadOnlySpan<byte> rows, uint foreground, uint background)
        {
            if (x <= -GlyphWidth || x >= surface.Width || y <= -rows.Length || y >= surface.Height)
                return;
            int firstColumn = x < 0 ? -x : 0;
            int endColumn = surface.Width - x < GlyphWidth ? surface.Width - x : GlyphWidth;
            int firstRow = y < 0 ? -y : 0;
            int endRow = surface.Height - y < rows.Length ? surface.Height - y : rows.Length;
            int bytesPerPixel = surface.Format.BytesPerPixel;
            for (int r = firstRow; r < endRow; r++)
            {
                Span<byte> row = surface.Row(y + r);
                int bits = rows[r];
                for (int c = firstColumn; c < endColumn; c++)
                {
                    uint pixel = (bits & (0x80 >> c)) != 0 ? foreground : background;
                    surface.Format.Store(row, (x + c) * bytesPerPixel, pixel);
                }
            }
        }
    }
}
