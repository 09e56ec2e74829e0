// Host tests of the generated console font: every mapped code point, ASCII and Latin-1 coverage, the
// replacement glyph.
using System;
using System.IO;
using MinimalOS.Kernel.Console;
using MinimalOS.Tools.FontConverter;
using Xunit;

namespace MinimalOS.Tests.Host.Console
{
    public class ConsoleFontTests
    {
        [Fact]
        public void EveryMappedCodePointFindsTheVendoredFontsGlyph()
        {
            // The generated table must say exactly what the font file says.
            PsfFont font = PsfParser.Parse(FontFile.ReadBytes(RepositoryPaths.VendoredFont));
            foreach (var (codePoint, glyph) in font.GlyphByCodePoint)
            {
                int index = ConsoleFont.GlyphIndex(codePoint);
                Assert.True(font.Glyph(glyph).SequenceEqual(ConsoleFont.Glyph(index)), $"U+{codePoint:X4}");
            }
        }

        [Fact]
        public void PrintableAsciiAndLatin1AreCovered()
        {
            for (int c = 0x20; c <= 0x7E; c++)
                Assert.NotEqual(ConsoleFont.ReplacementGlyph, ConsoleFont.GlyphIndex(c));
            for (int c = 0xA0; c <= 0xFF; c++)
                Assert.NotEqual(ConsoleFont.ReplacementGlyph, ConsoleFont.GlyphIndex(c));
        }

        [Fact]
        public void SpaceIsEmptyAndLettersAreNot()
        {
            Assert.All(ConsoleFont.Glyph(ConsoleFont.GlyphIndex(' ')).ToArray(), row => Assert.Equal(0, row));
            Assert.Contains(ConsoleFont.Glyph(ConsoleFont.GlyphIndex('A')).ToArray(), row => row != 0);
            Assert.False(ConsoleFont.Glyph(ConsoleFont.GlyphIndex('A')).SequenceEqual(ConsoleFont.Glyph(ConsoleFont.GlyphIndex('B'))));
        }

        [Theory]
        [InlineData(0x4E2D)]
        [InlineData(0x1F600)]
        [InlineData(0x110000)]
        [InlineData(-1)]
        public void UnknownCodePointsGetTheReplacementGlyph(int codePoint) =>
            Assert.Equal(ConsoleFont.ReplacementGlyph, ConsoleFont.GlyphIndex(codePoint));

        [Fact]
        public void OutOfRangeGlyphIndexesGiveTheReplacementBitmap()
        {
            ReadOnlySpan<byte> replacement = ConsoleFont.Glyph(ConsoleFont.ReplacementGlyph);
            Assert.True(ConsoleFont.Glyph(-1).SequenceEqual(replacement));
            Assert.True(ConsoleFont.Glyph(100_000).SequenceEqual(replacement));
            Assert.Equal(ConsoleFont.GlyphHeight, replacement.Length);
        }
    }
}
