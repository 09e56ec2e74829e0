// Host tests of the UTF-8 decoder against the BCL's, including invalid, overlong and truncated sequences.
using System;
using System.Collections.Generic;
using MinimalOS.Kernel.Text;
using Xunit;

namespace MinimalOS.Tests.Host.Text
{
    public class Utf8DecoderTests
    {
        private const int Replacement = 0xFFFD;

        private static List<int> DecodeAll(params byte[] bytes)
        {
            var codePoints = new List<int>();
            int offset = 0;
            while (offset < bytes.Length)
            {
                int used = Utf8Decoder.Decode(bytes.AsSpan(offset), out int codePoint);
                Assert.InRange(used, 1, bytes.Length - offset);
                codePoints.Add(codePoint);
                offset += used;
            }
            return codePoints;
        }

        [Theory]
        [InlineData(new byte[] { 0x41 }, 0x41)]
        [InlineData(new byte[] { 0x00 }, 0x00)]
        [InlineData(new byte[] { 0x7F }, 0x7F)]
        [InlineData(new byte[] { 0xC2, 0x80 }, 0x80)]
        [InlineData(new byte[] { 0xC3, 0xA9 }, 0xE9)]
        [InlineData(new byte[] { 0xDF, 0xBF }, 0x7FF)]
        [InlineData(new byte[] { 0xE0, 0xA0, 0x80 }, 0x800)]
        [InlineData(new byte[] { 0xE2, 0x82, 0xAC }, 0x20AC)]
        [InlineData(new byte[] { 0xED, 0x9F, 0xBF }, 0xD7FF)]
        [InlineData(new byte[] { 0xEF, 0xBF, 0xBD }, 0xFFFD)]
        [InlineData(new byte[] { 0xF0, 0x90, 0x80, 0x80 }, 0x10000)]
        [InlineData(new byte[] { 0xF0, 0x9F, 0x98, 0x80 }, 0x1F600)]
        [InlineData(new byte[] { 0xF4, 0x8F, 0xBF, 0xBF }, 0x10FFFF)]
        public void DecodesValidSequences(byte[] bytes, int expected)
        {
            Assert.Equal(bytes.Length, Utf8Decoder.Decode(bytes, out int codePoint));
            Assert.Equal(expected, codePoint);
        }

        [Fact]
        public void AgreesWithTheBclOnMixedText()
        {
            string text = "Kernel ✓ é € 😀 end";
            var expected = new List<int>();
            foreach (var rune in text.EnumerateRunes())
                expected.Add(rune.Value);
            Assert.Equal(expected, DecodeAll(System.Text.Encoding.UTF8.GetBytes(text)));
        }

        [Theory]
        [InlineData(new byte[] { 0x80 })]                     // lone continuation
        [InlineData(new byte[] { 0xBF })]
        [InlineData(new byte[] { 0xC0 })]                     // never-valid leads
        [InlineData(new byte[] { 0xC1 })]
        [InlineData(new byte[] { 0xF5 })]
        [InlineData(new byte[] { 0xFF })]
        public void InvalidSingleBytesBecomeOneReplacement(byte[] bytes) =>
            Assert.Equal(new List<int> { Replacement }, DecodeAll(bytes));

        [Theory]
        [InlineData(new byte[] { 0xC0, 0x80 }, 2)]                  // overlong NUL: two invalid bytes
        [InlineData(new byte[] { 0xE0, 0x80, 0x80 }, 3)]            // overlong 3-byte
        [InlineData(new byte[] { 0xF0, 0x80, 0x80, 0x80 }, 4)]      // overlong 4-byte
        [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, 3)]            // UTF-16 surrogate D800
        [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 }, 4)]      // above U+10FFFF
        public void OverlongsSurrogatesAndOutOfRangeGiveOneReplacementPerByte(byte[] bytes, int replacements)
        {
            var decoded = DecodeAll(bytes);
            Assert.Equal(replacements, decoded.Count);
            Assert.All(decoded, c => Assert.Equal(Replacement, c));
        }

        [Fact]
        public void TruncatedSequenceIsOneReplacementAndTheNextCharacterSurvives()
        {
            Assert.Equal(new List<int> { Replacement, 'A' }, DecodeAll(0xE2, 0x82, (byte)'A'));
            Assert.Equal(new List<int> { Replacement, 'B' }, DecodeAll(0xF0, 0x9F, 0x98, (byte)'B'));
            Assert.Equal(new List<int> { 'x', Replacement }, DecodeAll((byte)'x', 0xE2, 0x82));
        }

        [Fact]
        public void MaximalSubpartMatchesTheBcl()
        {
            byte[] bytes = { 0x61, 0xF1, 0x80, 0x80, 0xE1, 0x80, 0xC2, 0x62, 0x80, 0x63, 0x80, 0xBF, 0x64 };
            var expected = new List<int>();
            foreach (char c in System.Text.Encoding.UTF8.GetString(bytes))
                expected.Add(c);
            Assert.Equal(expected, DecodeAll(bytes));
        }
    }
}
