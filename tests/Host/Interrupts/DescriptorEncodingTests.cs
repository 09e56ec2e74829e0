// Host tests of the GDT and IDT bit layouts against values worked out by hand from the Intel SDM (vol. 3,
// 3.4.5 segment descriptors, 7.2.3 TSS descriptor in 64-bit mode, 6.14.1 64-bit IDT gates).
using MinimalOS.Kernel.Interrupts;
using Xunit;

namespace MinimalOS.Tests.Host.Interrupts
{
    public sealed class DescriptorEncodingTests
    {
        [Fact]
        public void CodeAndDataSegments()
        {
            Assert.Equal(0x00209B0000000000UL, SegmentDescriptor.Code64(0));
            Assert.Equal(0x0020FB0000000000UL, SegmentDescriptor.Code64(3));
            Assert.Equal(0x00CF93000000FFFFUL, SegmentDescriptor.Data(0));
            Assert.Equal(0x00CFF3000000FFFFUL, SegmentDescriptor.Data(3));
            Assert.Equal(0x00CFFB000000FFFFUL, SegmentDescriptor.Code32(3));
        }

        [Fact]
        public void TssDescriptorSplitsBaseAndLimit()
        {
            const ulong tssBase = 0xFFFF_8000_1234_5678;
            Assert.Equal(0x1200893456780067UL, SegmentDescriptor.TssLow(tssBase, 103));
            Assert.Equal(0x00000000FFFF8000UL, SegmentDescriptor.TssHigh(tssBase));
            Assert.Equal(0x0000_8900_0000_FFFFUL | (0xFUL << 48), SegmentDescriptor.TssLow(0, 0xFFFFF));
        }

        [Fact]
        public void InterruptGates()
        {
            const ulong handler = 0xFFFF_FFFF_8010_1234;
            Assert.Equal(0x80108E0100081234UL, GateDescriptor.Low(handler, 0x08, 1, 0));
            Assert.Equal(0x80108E0000081234UL, GateDescriptor.Low(handler, 0x08, 0, 0));
            Assert.Equal(0x8010EE0700081234UL, GateDescriptor.Low(handler, 0x08, 7, 3));
            Assert.Equal(0x00000000FFFFFFFFUL, GateDescriptor.High(handler));
        }

        [Fact]
        public void OutOfRangeFieldsDoNotSpillIntoOthers()
        {
            Assert.Equal(GateDescriptor.Low(0x1000, 0x08, 0, 0), GateDescriptor.Low(0x1000, 0x08, 8, 4));
            Assert.Equal(SegmentDescriptor.Code64(0), SegmentDescriptor.Code64(4));
        }
    }
}
