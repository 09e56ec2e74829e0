// Host tests of the IPC message-info word: fields round-trip at their limits, a sender's malformed word is
// refused (reserved bits, the received-only FromCall flag, lengths beyond the buffer), and the received
// form carries what actually arrived. The buffer layout fits in one 4 KiB page.
using MinimalOS.Abi;
using Xunit;

namespace MinimalOS.Tests.Host.Ipc
{
    public sealed class MessageInfoTests
    {
        [Theory]
        [InlineData(0UL, 0, 0)]
        [InlineData(1UL, 4, 1)]
        [InlineData(MessageInfo.MaxLabel, IpcBuffer.MaxMessageWords, IpcBuffer.MaxCaps)]
        public void FieldsRoundTrip(ulong label, int length, int caps)
        {
            MessageInfo info = MessageInfo.Of(label, length, caps);
            Assert.Equal(label, info.Label);
            Assert.Equal(length, info.Length);
            Assert.Equal(caps, info.CapCount);
            Assert.False(info.NonBlocking);
            Assert.False(info.FromCall);
            Assert.True(info.IsValidToSend);
        }

        [Fact]
        public void NonBlockingIsItsOwnBit()
        {
            MessageInfo info = MessageInfo.Of(7, 2, nonBlocking: true);
            Assert.True(info.NonBlocking);
            Assert.Equal(7UL, info.Label);
            Assert.Equal(2, info.Length);
            Assert.True(info.IsValidToSend);
        }

        [Theory]
        [InlineData(1UL << 11)]
        [InlineData(1UL << 14)]
        [InlineData(1UL << 15)]
        [InlineData(1UL << 13)]
        [InlineData(481UL)]
        [InlineData(511UL)]
        public void MalformedSenderWordsAreRefused(ulong word) => Assert.False(new MessageInfo(word).IsValidToSend);

        [Fact]
        public void TheReceivedFormSaysWhatArrivedAndWhetherItWasACall()
        {
            MessageInfo info = MessageInfo.Received(0xABCD, 4, 2, fromCall: true);
            Assert.Equal(0xABCDUL, info.Label);
            Assert.Equal(4, info.Length);
            Assert.Equal(2, info.CapCount);
            Assert.True(info.FromCall);
            Assert.False(info.NonBlocking);
        }

        [Fact]
        public void TheBufferLayoutFitsOnePage()
        {
            Assert.True(IpcBuffer.UsedBytes <= 4096);
            Assert.True(IpcBuffer.SendCapsOffset >= IpcBuffer.MaxMessageWords * 8);
            Assert.Equal(IpcBuffer.SendCapsOffset + IpcBuffer.MaxCaps * 8, IpcBuffer.ReceiveSlotsOffset);
        }
    }
}
