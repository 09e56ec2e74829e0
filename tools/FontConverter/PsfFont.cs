// A parsed PSF font: glyph bitmaps plus the code point -> glyph map. Immutable once built by PsfParser.
using System;
using System.Collections.Generic;

namespace MinimalOS.Tools.FontConverter
{
    public sealed class PsfFont
    {
        public PsfFont(int version, int width, int height, int glyphCount, byte[] bitmaps,
            bool hasUnicodeTable, IReadOnlyDictionary<int, int> glyphByCodePoint)
        {
            int bytesPerGlyph = height * ((width + 7) / 8);
            if (bitmaps.Length != glyphCount * bytesPerGlyph)
                throw new ArgumentException("bitmap length does not match glyph count and size", nameof(bitmaps));
            Version = version;
            Width = width;
            Height = height;
            GlyphCount = glyphCount;
            Bitmaps = bitmaps;
            HasUnicodeTable = hasUnicodeTable;
            GlyphByCodePoint = glyphByCodePoint;
        }

        /// <summary>1 for PSF1, 2 for PSF2.</summary>
        public int Version { get; }
        public int Width { get; }
        public int Height { get; }
        public int GlyphCount { get; }
        public int BytesPerRow => (Width + 7) / 8;
        public int BytesPerGlyph => Height * BytesPerRow;

        /// <summary>All glyphs, top row first; in each row the most significant bit is the leftmost pixel.</summary>
        public byte[] Bitmaps { get; }

        /// <summary>False when the file had no Unicode table and the map was assumed to be code page order.</summary>
        public bool HasUnicodeTable { get; }

        /// <summary>Single code points only; multi-code-point sequences from the table are not used.</summary>
        public IReadOnlyDictionary<int, int> GlyphByCodePoint { get; }

        public ReadOnlySpan<byte> Glyph(int index) => Bitmaps.AsSpan(index * BytesPerGlyph, BytesPerGlyph);
    }
}
