// Host tests of the serial input decoder: line endings, backspace bytes, escape sequences, non-ASCII.
using System.Text;
using MinimalOS.Kernel.Input;
using Xunit;

namespace MinimalOS.Tests.Host.Input
{
    public class SerialInputDecoderTests
    {
        private static string Decode(SerialInputDecoder decoder, params byte[] bytes)
        {
            var text = new StringBuilder();
            foreach (byte b in bytes)
            {
                if (decoder.TryDecode(b, out char c))
                    text.Append(c);
            }
            return text.ToString();
        }

        private static string Decode(string text) => Decode(new SerialInputDecoder(), Encoding.Latin1.GetBytes(text));

        [Theory]
        [InlineData("help\r", "help\n")]
        [InlineData("help\n", "help\n")]
        [InlineData("help\r\n", "help\n")]
        [InlineData("a\r\rb", "a\n\nb")]
        [InlineData("a\n\nb", "a\n\nb")]
        [InlineData("a\r\n\r\nb", "a\n\nb")]
        public void EveryLineEndingIsOneNewLine(string typed, string expected) => Assert.Equal(expected, Decode(typed));

        [Fact]
        public void DeleteAndBackspaceAreBackspace() => Assert.Equal("ab\b\bc", Decode("ab\u007f\u0008c"));

        [Fact]
        public void ArrowKeySequencesAreSwallowed()
        {
            var decoder = new SerialInputDecoder();
            Assert.Equal("ab", Decode(decoder, Encoding.ASCII.GetBytes("a\x1b[Ab\x1b[1;5C")));
            Assert.Equal(9UL, decoder.DroppedCount);
        }

        [Fact]
        public void EscapeFollowedByAnotherByteIsEscape() => Assert.Equal("\x1b", Decode("\x1bx"));

        [Fact]
        public void ControlCharactersPassAndNonAsciiIsDropped()
        {
            var decoder = new SerialInputDecoder();
            Assert.Equal("\x03ok", Decode(decoder, 0x03, 0xC3, 0xA9, (byte)'o', (byte)'k'));
            Assert.Equal(2UL, decoder.DroppedCount);
        }
    }
}
