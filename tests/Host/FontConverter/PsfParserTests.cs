// Host tests of the PSF1/PSF2 parser over valid and corrupt font images.
using System;
using System.Linq;
using System.Text;
using MinimalOS.Tools.FontConverter;
using Xunit;

namespace MinimalOS.Tests.Host.FontConverter
{
    public class PsfParserTests
    {
        [Fact]
        public void ParsesPsf1WithAUnicodeTable()
        {
            PsfFont font = PsfParser.Parse(PsfSamples.Psf1(PsfSamples.Psf1HasTable, table: PsfSamples.AsciiTable));
            Assert.Equal(1, font.Version);
            Assert.Equal(8, font.Width);
            Assert.Equal(16, font.Height);
            Assert.Equal(256, font.GlyphCount);
            Assert.True(font.HasUnicodeTable);
            Assert.Equal(129, font.GlyphByCodePoint.Count);
            Assert.Equal(65, font.GlyphByCodePoint['A']);
            Assert.Equal(200, font.GlyphByCodePoint[0xFFFD]);
            Assert.All(font.Glyph(65).ToArray(), row => Assert.Equal(65, row));
        }

        [Fact]
        public void Psf1SequencesAreSkippedAndTheFirstGlyphForACodePointWins()
        {
            // Glyph 1: 'A', then the sequence "A + combining acute"; glyph 2 also claims 'A' and 'B'.
            byte[] file = PsfSamples.Psf1(PsfSamples.Psf1HasTable | 0x04, table: g => g switch
            {
                1 => new ushort[] { 'A', 0xFFFE, 'E', 0x0301 },
                2 => new ushort[] { 'A', 'B' },
                _ => Array.Empty<ushort>(),
            });
            PsfFont font = PsfParser.Parse(file);
            Assert.Equal(1, font.GlyphByCodePoint['A']);
            Assert.Equal(2, font.GlyphByCodePoint['B']);
            Assert.False(font.GlyphByCodePoint.ContainsKey('E'));
            Assert.False(font.GlyphByCodePoint.ContainsKey(0x0301));
        }

        [Fact]
        public void Psf1WithoutATableIsInCodePageOrder()
        {
            PsfFont font = PsfParser.Parse(PsfSamples.Psf1(mode: 0x01));
            Assert.Equal(512, font.GlyphCount);
            Assert.False(font.HasUnicodeTable);
            Assert.Equal(256, font.GlyphByCodePoint.Count);
            Assert.Equal(0xE9, font.GlyphByCodePoint[0xE9]);
        }

        [Fact]
        public void ParsesPsf2WithAUtf8TableAndSequences()
        {
            byte[] file = PsfSamples.Psf2(entries: g => g == 5
                ? Encoding.UTF8.GetBytes("€").Concat(new byte[] { 0xFE }).Concat(Encoding.UTF8.GetBytes("e\u0301")).ToArray()
                : Encoding.UTF8.GetBytes(((char)g).ToString()));
            PsfFont font = PsfParser.Parse(file);
            Assert.Equal(2, font.Version);
            Assert.Equal(128, font.GlyphCount);
            Assert.Equal(5, font.GlyphByCodePoint[0x20AC]);
            Assert.Equal('e', font.GlyphByCodePoint['e']);   // the sequence did not steal 'e'
            Assert.False(font.GlyphByCodePoint.ContainsKey(0x0301));
        }

        [Fact]
        public void ParsesPsf2WithALargerHeaderAndWideGlyphs()
        {
            PsfFont font = PsfParser.Parse(PsfSamples.Psf2(glyphCount: 3, width: 12, height: 24, headerSize: 40, table: false));
            Assert.Equal(12, font.Width);
            Assert.Equal(24, font.Height);
            Assert.Equal(48, font.BytesPerGlyph);
            Assert.All(font.Glyph(2).ToArray(), b => Assert.Equal(2, b));
        }

        public static TheoryData<string, byte[], string> CorruptFonts()
        {
            byte[] psf1 = PsfSamples.Psf1(PsfSamples.Psf1HasTable, table: PsfSamples.AsciiTable);
            byte[] psf2 = PsfSamples.Psf2();
            byte[] psf2BadUtf8 = PsfSamples.Psf2(entries: g => g == 3 ? new byte[] { 0xC3, 0x28 } : new[] { (byte)g });
            byte[] psf1Surrogate = PsfSamples.Psf1(PsfSamples.Psf1HasTable, table: g => g == 7 ? new ushort[] { 0xD800 } : Array.Empty<ushort>());
            return new TheoryData<string, byte[], string>
            {
                { "empty file", Array.Empty<byte>(), "not a PSF font" },
                { "wrong magic", Encoding.ASCII.GetBytes("GIF89a........"), "not a PSF font" },
                { "PSF1 header cut", psf1[..3], "PSF1 header truncated" },
                { "PSF1 unknown mode", PsfSamples.Psf1(mode: 0x08), "unknown flag bits" },
                { "PSF1 zero height", PsfSamples.Psf1(height: 0), "height is 0" },
                { "PSF1 glyphs cut", psf1[..(4 + 255 * 16)], "glyph data truncated" },
                { "PSF1 table cut", psf1[..^3], "Unicode table truncated" },
                { "PSF1 table missing", psf1[..(4 + 256 * 16)], "Unicode table truncated" },
                { "PSF1 surrogate", psf1Surrogate, "surrogate" },
                { "PSF2 header cut", psf2[..31], "PSF2 header truncated" },
                { "PSF2 version", PsfSamples.Psf2(version: 1), "version 1" },
                { "PSF2 header size small", PsfSamples.Psf2(headerSize: 16), "header size 16" },
                { "PSF2 header size huge", Patch(psf2, 8, 1_000_000), "header size 1000000" },
                { "PSF2 unknown flags", Patch(psf2, 12, 3), "unknown bits" },
                { "PSF2 no glyphs", PsfSamples.Psf2(glyphCount: 0, table: false), "glyph count 0" },
                { "PSF2 absurd glyph count", Patch(psf2, 16, 0x7FFFFFFF), "glyph count" },
                { "PSF2 zero width", Patch(psf2, 28, 0), "glyph size 0x16" },
                { "PSF2 bytes per glyph mismatch", PsfSamples.Psf2(bytesPerGlyph: 15), "does not match" },
                { "PSF2 glyphs cut", psf2[..(32 + 127 * 16)], "glyph data truncated" },
                { "PSF2 table cut", psf2[..^1], "Unicode table truncated" },
                { "PSF2 invalid UTF-8", psf2BadUtf8, "invalid UTF-8" },
            };
        }

        [Theory]
        [MemberData(nameof(CorruptFonts))]
        public void CorruptFontsFailWithAClearMessage(string what, byte[] file, string expectedMessage)
        {
            var error = Assert.Throws<FontFormatException>(() => PsfParser.Parse(file));
            Assert.True(error.Message.Contains(expectedMessage), $"{what}: \"{error.Message}\" lacks \"{expectedMessage}\"");
        }

        private static byte[] Patch(byte[] file, int offset, uint value)
        {
            byte[] copy = (byte[])file.Clone();
            BitConverter.GetBytes(value).CopyTo(copy, offset);
            return copy;
        }
    }
}
