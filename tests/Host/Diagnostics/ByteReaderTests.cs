// Tests of the bounds-checked little-endian and LEB128 reader that parses untrusted binary data.
using System;
using MinimalOS.Kernel.Diagnostics;
using Xunit;

namespace MinimalOS.Tests.Host.Diagnostics
{
    public class ByteReaderTests
    {
        [Fact]
        public void ReadsLittleEndianIntegers()
        {
            byte[] bytes = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F };
            var reader = new ByteReader(bytes, 0);
            Assert.Equal(0x01, reader.ReadByte());
            Assert.Equal(0x0302, reader.ReadUInt16());
            Assert.Equal(0x07060504u, reader.ReadUInt32());
            Assert.Equal(0x0F0E0D0C0B0A0908UL, reader.ReadUInt64());
            Assert.False(reader.Failed);
            Assert.Equal(15, reader.Position);
        }

        [Theory]
        [InlineData(new byte[] { 0x02 }, 2UL)]
        [InlineData(new byte[] { 0x7F }, 127UL)]
        [InlineData(new byte[] { 0x80, 0x01 }, 128UL)]
        [InlineData(new byte[] { 0xE5, 0x8E, 0x26 }, 624485UL)]
        [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, ulong.MaxValue)]
        public void ReadsUnsignedLeb128(byte[] bytes, ulong expected)
        {
            var reader = new ByteReader(bytes, 0);
            Assert.Equal(expected, reader.ReadUnsignedLeb128());
            Assert.False(reader.Failed);
            Assert.Equal(bytes.Length, reader.Position);
        }

        [Theory]
        [InlineData(new byte[] { 0x02 }, 2L)]
        [InlineData(new byte[] { 0x7E }, -2L)]
        [InlineData(new byte[] { 0x78 }, -8L)]
        [InlineData(new byte[] { 0xFF, 0x00 }, 127L)]
        [InlineData(new byte[] { 0x81, 0x7F }, -127L)]
        [InlineData(new byte[] { 0xC0, 0xBB, 0x78 }, -123456L)]
        public void ReadsSignedLeb128(byte[] bytes, long expected)
        {
            var reader = new ByteReader(bytes, 0);
            Assert.Equal(expected, reader.ReadSignedLeb128());
            Assert.False(reader.Failed);
        }

        [Fact]
        public void AnUnterminatedLeb128Fails()
        {
            var reader = new ByteReader(new byte[] { 0x80, 0x80 }, 0);
            Assert.Equal(0UL, reader.ReadUnsignedLeb128());
            Assert.True(reader.Failed);
            var tooLong = new ByteReader(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01 }, 0);
            tooLong.ReadUnsignedLeb128();
            Assert.True(tooLong.Failed);
        }

        [Fact]
        public void ReadingPastTheEndFailsAndStaysFailed()
        {
            var reader = new ByteReader(new byte[] { 1, 2, 3 }, 0);
            Assert.Equal(0u, reader.ReadUInt32());
            Assert.True(reader.Failed);
            Assert.Equal(0, reader.Position);
            Assert.Equal(0, reader.ReadByte());
            Assert.True(reader.Failed);
        }

        [Fact]
        public void SkipBeyondTheEndFails()
        {
            var reader = new ByteReader(new byte[4], 1);
            reader.Skip(3);
            Assert.False(reader.Failed);
            reader.Skip(1);
            Assert.True(reader.Failed);
            var huge = new ByteReader(new byte[4], 0);
            huge.Skip(ulong.MaxValue);
            Assert.True(huge.Failed);
        }

        [Fact]
        public void ReadsTerminatedStrings()
        {
            byte[] bytes = { (byte)'z', (byte)'R', 0, 9, (byte)'a', (byte)'b' };
            var reader = new ByteReader(bytes, 0);
            Assert.Equal("zR", System.Text.Encoding.ASCII.GetString(reader.ReadTerminatedString(8)));
            Assert.Equal(3, reader.Position);
            reader.ReadByte();
            Assert.True(reader.ReadTerminatedString(8).IsEmpty);
            Assert.True(reader.Failed);
            var tooLong = new ByteReader(new byte[] { 1, 2, 3, 0 }, 0);
            tooLong.ReadTerminatedString(2);
            Assert.True(tooLong.Failed);
        }

        [Fact]
        public void AStartBeyondTheDataIsAFailedReader()
        {
            var reader = new ByteReader(new byte[2], 3);
            Assert.True(reader.Failed);
            Assert.Equal(0, reader.ReadByte());
        }
    }
}
