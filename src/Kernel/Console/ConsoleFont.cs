// The console's font: finds the glyph bitmap for a code point in the generated Font8x16 table
// (build/generated/Font8x16.g.cs, made from assets/fonts by tools/FontConverter). Code points the font
// lacks get its replacement glyph, never an error. Reads constant data only: no allocation.
using System;

namespace MinimalOS.Kernel.Console
{
    public static class ConsoleFont
    {
        public const int GlyphWidth = Font8x16.GlyphWidth;
        public const int GlyphHeight = Font8x16.GlyphHeight;

        public static int ReplacementGlyph => Font8x16.ReplacementGlyph;

        /// <summary>The glyph index for a code point, or <see cref="ReplacementGlyph"/> when the font has none.</summary>
        public static int GlyphIndex(int codePoint)
        {
            ReadOnlySpan<byte> map = Font8x16.UnicodeMap;
            int low = 0;
            int high = Font8x16.MapRecordCount - 1;
            while (low <= high)
            {
                int middle = (low + high) >> 1;
                ReadOnlySpan<byte> record = map.Slice(middle * Font8x16.MapRecordSize, Font8x16.MapRecordSize);
                int mapped = record[0] | (record[1] << 8) | (record[2] << 16);
                if (mapped == codePoint)
                    return record[3] | (record[4] << 8);
                if (mapped < codePoint)
                    low = middle + 1;
                else
                    high = middle - 1;
            }
            return Font8x16.ReplacementGlyph;
        }

        /// <summary>The <see cref="GlyphHeight"/> row bytes of a glyph (an index out of range gives the replacement).</summary>
        public static ReadOnlySpan<byte> Glyph(int index)
        {
            if ((uint)index >= Font8x16.GlyphCount)
                index = Font8x16.ReplacementGlyph;
            return Font8x16.Glyphs.Slice(index * GlyphHeight, GlyphHeight);
        }
    }
}
