// Host tests of the #PF error-code decoding and its one-line description.
using System;
using System.Text;
using MinimalOS.Kernel.Interrupts;
using MinimalOS.Kernel.Text;
using Xunit;

namespace MinimalOS.Tests.Host.Interrupts
{
    public sealed class PageFaultErrorCodeTests
    {
        private static string Describe(ulong raw)
        {
            Span<byte> buffer = stackalloc byte[200];
            var writer = new TextWriterSpan(buffer);
            new PageFaultErrorCode(raw).AppendDescription(ref writer);
            return Encoding.ASCII.GetString(writer.Written);
        }

        [Theory]
        [InlineData(0x0UL, "not present, read, supervisor")]
        [InlineData(0x3UL, "present, write, supervisor")]
        [InlineData(0x4UL, "not present, read, user")]
        [InlineData(0x11UL, "present, instruction fetch, supervisor")]
        [InlineData(0x13UL, "present, instruction fetch, supervisor")]
        [InlineData(0x9UL, "present, read, supervisor, reserved bit set")]
        [InlineData(0x67UL, "present, write, user, protection key, shadow stack")]
        public void Describes(ulong raw, string expected) => Assert.Equal(expected, Describe(raw));

        [Fact]
        public void DecodesEachBit()
        {
            var code = new PageFaultErrorCode(0x1F);
            Assert.True(code.PagePresent && code.Write && code.User && code.ReservedBitSet && code.InstructionFetch);
            Assert.False(code.ProtectionKey || code.ShadowStack);
            Assert.False(new PageFaultErrorCode(0).PagePresent);
            Assert.Equal(0x1FUL, code.Raw);
        }
    }
}
