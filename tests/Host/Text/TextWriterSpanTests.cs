// Host tests of the span text writer: numbers, format strings, truncation, UTF-8 encoding, padding.
using System;
using System.Text;
using MinimalOS.Kernel.Text;
using Xunit;

namespace MinimalOS.Tests.Host.Text
{
    public class TextWriterSpanTests
    {
        private static string Text(TextWriterSpan writer) => Encoding.UTF8.GetString(writer.Written);

        [Fact]
        public void AppendsTextAndNumbers()
        {
            Span<byte> buffer = stackalloc byte[64];
            var writer = new TextWriterSpan(buffer);
            writer.Append("cpu ");
            writer.AppendDecimal(3UL);
            writer.Append(' ');
            writer.AppendAddress(0xFFFFFFFF80100000UL);
            Assert.Equal("cpu 3 0xffffffff80100000", Text(writer));
            Assert.False(writer.Truncated);
        }

        [Theory]
        [InlineData(42UL, false, "", "42")]
        [InlineData(42UL, true, "", "-42")]
        [InlineData(42UL, false, "D5", "00042")]
        [InlineData(42UL, true, "D5", "-00042")]
        [InlineData(255UL, false, "x", "ff")]
        [InlineData(255UL, false, "X4", "00FF")]
        [InlineData(255UL, false, "q", "<bad format>")]
        public void AppliesFormatStrings(ulong magnitude, bool negative, string format, string expected)
        {
            Span<byte> buffer = stackalloc byte[32];
            var writer = new TextWriterSpan(buffer);
            writer.AppendFormatted(magnitude, negative, format);
            Assert.Equal(expected, Text(writer));
        }

        [Fact]
        public void TruncatesAtCapacityAndSaysSo()
        {
            Span<byte> buffer = stackalloc byte[5];
            var writer = new TextWriterSpan(buffer);
            writer.Append("abc");
            writer.AppendDecimal(12345UL);
            Assert.Equal("abc", Text(writer));
            Assert.True(writer.Truncated);
            writer.Append("defg");
            Assert.Equal("abcde", Text(writer));
        }

        [Fact]
        public void EncodesUtf8WithoutSplittingCharacters()
        {
            Span<byte> buffer = stackalloc byte[4];
            var writer = new TextWriterSpan(buffer);
            writer.Append("aé€");
            Assert.Equal("aé", Text(writer));
            Assert.True(writer.Truncated);
        }

        [Fact]
        public void ReplacesUnpairedSurrogatesAndKeepsPairs()
        {
            Span<byte> buffer = stackalloc byte[16];
            var writer = new TextWriterSpan(buffer);
            writer.Append("\ud83d\ude00\ud800x");
            Assert.Equal("😀\ufffdx", Text(writer));
        }

        [Fact]
        public void ContinuesTextAlreadyInTheBuffer()
        {
            byte[] buffer = new byte[8];
            "abc"u8.CopyTo(buffer);
            var writer = new TextWriterSpan(buffer, 3);
            writer.Append("defgh");
            Assert.Equal("abcdefgh", Text(writer));
            Assert.False(writer.Truncated);
            writer.Append('!');
            Assert.True(writer.Truncated);
            Assert.Equal(8, new TextWriterSpan(buffer, 99).Length);
            Assert.Equal(0, new TextWriterSpan(buffer, -1).Length);
        }

        [Fact]
        public void PadsLeft()
        {
            Span<byte> buffer = stackalloc byte[16];
            var writer = new TextWriterSpan(buffer);
            writer.Append('[');
            int start = writer.Length;
            writer.AppendDecimal(7UL);
            writer.PadLeftFrom(start, 4);
            Assert.Equal("[   7", Text(writer));
        }
    }
}
