// Host tests of RSDP validation (v1 and extended checksums, lengths) and of the EBDA/BIOS-area scan.
using System;
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Memory;
using Xunit;

namespace MinimalOS.Tests.Host.Boot
{
    public class RsdpTests
    {
        private static readonly PhysicalAddress Somewhere = new PhysicalAddress(0xF0000);

        private static bool Validate(byte[] bytes, BootWarnings warnings, out RsdpInfo rsdp, bool extensionExpected = true) =>
            Rsdp.TryValidate(bytes, Somewhere, RsdpSource.BiosAreaScan, extensionExpected, warnings, out rsdp);

        [Fact]
        public void AcceptsAVersion1Structure()
        {
            var warnings = new BootWarnings();
            Assert.True(Validate(RsdpImage.Version1(0x7FE1AD8), warnings, out RsdpInfo rsdp));
            Assert.Equal(0, rsdp.Revision);
            Assert.Equal(0x7FE1AD8UL, rsdp.RsdtAddress.Value);
            Assert.False(rsdp.ExtendedValid);
            Assert.Equal(0, warnings.Count);
        }

        [Fact]
        public void RejectsAVersion1ChecksumError()
        {
            byte[] bytes = RsdpImage.Version1(0x1000);
            bytes[16] ^= 0x10;
            var warnings = new BootWarnings();

            Assert.False(Validate(bytes, warnings, out _));
            Assert.True(warnings.Contains(BootWarningCode.RsdpBadChecksum));
        }

        [Fact]
        public void AcceptsAVersion2StructureWithItsXsdt()
        {
            var warnings = new BootWarnings();
            Assert.True(Validate(RsdpImage.Version2(0x1000, 0x1_2345_6000), warnings, out RsdpInfo rsdp));
            Assert.Equal(2, rsdp.Revision);
            Assert.True(rsdp.ExtendedValid);
            Assert.Equal(0x1_2345_6000UL, rsdp.XsdtAddress.Value);
            Assert.Equal(0, warnings.Count);
        }

        [Fact]
        public void DropsTheXsdtWhenTheExtendedChecksumFails()
        {
            byte[] bytes = RsdpImage.Version2(0x1000, 0x2000);
            bytes[24] ^= 0x40;
            var warnings = new BootWarnings();

            Assert.True(Validate(bytes, warnings, out RsdpInfo rsdp));
            Assert.False(rsdp.ExtendedValid);
            Assert.Equal(0UL, rsdp.XsdtAddress.Value);
            Assert.Equal(0x1000UL, rsdp.RsdtAddress.Value);
            Assert.True(warnings.Contains(BootWarningCode.RsdpBadExtendedChecksum));
        }

        [Theory]
        [InlineData(20u)]
        [InlineData(5000u)]
        [InlineData(40u)]
        public void DropsTheXsdtWhenTheLengthFieldIsImpossible(uint length)
        {
            byte[] bytes = RsdpImage.Version2(0x1000, 0x2000);
            BitConverter.GetBytes(length).CopyTo(bytes, 20);
            var warnings = new BootWarnings();

            Assert.True(Validate(bytes, warnings, out RsdpInfo rsdp));
            Assert.False(rsdp.ExtendedValid);
            Assert.True(warnings.Contains(BootWarningCode.RsdpBadLength));
        }

        [Fact]
        public void DoesNotExpectAnExtensionInAVersion1Copy()
        {
            byte[] bytes = RsdpImage.Version1(0x1000, revision: 2);
            var warnings = new BootWarnings();

            Assert.True(Validate(bytes, warnings, out RsdpInfo rsdp, extensionExpected: false));
            Assert.Equal(2, rsdp.Revision);
            Assert.False(rsdp.ExtendedValid);
            Assert.Equal(0, warnings.Count);
        }

        [Fact]
        public void RejectsAWrongSignatureAndShortInput()
        {
            byte[] bytes = RsdpImage.Version1(0x1000);
            bytes[0] = (byte)'X';
            var warnings = new BootWarnings();

            Assert.False(Validate(bytes, warnings, out _));
            Assert.False(Validate(new byte[12], warnings, out _));
            Assert.True(warnings.Contains(BootWarningCode.RsdpBadSignature));
            Assert.True(warnings.Contains(BootWarningCode.Truncated));
        }

        private static FakePhysicalMemory LowMemory(ushort ebdaSegment)
        {
            var memory = new FakePhysicalMemory();
            memory.AddRegion(0, 0x100000);
            memory.WriteU16(RsdpScanner.EbdaSegmentPointer, ebdaSegment);
            return memory;
        }

        [Fact]
        public void FindsTheRsdpInTheEbdaBeforeTheBiosArea()
        {
            FakePhysicalMemory memory = LowMemory(0x9FC0);
            memory.Write(0x9FC00 + 0x30, RsdpImage.Version1(0xAAAA));
            memory.Write(0xF5A40, RsdpImage.Version1(0xBBBB));
            var warnings = new BootWarnings();

            Assert.True(RsdpScanner.TryFind(memory, warnings, out RsdpInfo rsdp));
            Assert.Equal(RsdpSource.EbdaScan, rsdp.Source);
            Assert.Equal(0x9FC30UL, rsdp.Address.Value);
            Assert.Equal(0xAAAAUL, rsdp.RsdtAddress.Value);
        }

        [Fact]
        public void FindsTheRsdpInTheBiosAreaWithoutAnEbda()
        {
            FakePhysicalMemory memory = LowMemory(0);
            memory.Write(0xFFFD0, RsdpImage.Version2(0xBBBB, 0xCCCC));
            var warnings = new BootWarnings();

            Assert.True(RsdpScanner.TryFind(memory, warnings, out RsdpInfo rsdp));
            Assert.Equal(RsdpSource.BiosAreaScan, rsdp.Source);
            Assert.Equal(0xFFFD0UL, rsdp.Address.Value);
            Assert.True(rsdp.ExtendedValid);
            Assert.Equal(0xCCCCUL, rsdp.XsdtAddress.Value);
        }

        [Fact]
        public void SearchesOnlyTheFirstKiBOfTheEbda()
        {
            FakePhysicalMemory memory = LowMemory(0x8000);
            memory.Write(0x80000 + 1024, RsdpImage.Version1(0xAAAA));

            Assert.False(RsdpScanner.TryFind(memory, new BootWarnings(), out _));
        }

        [Fact]
        public void SearchesOnly16ByteBoundaries()
        {
            FakePhysicalMemory memory = LowMemory(0);
            memory.Write(0xE0008, RsdpImage.Version1(0xAAAA));

            Assert.False(RsdpScanner.TryFind(memory, new BootWarnings(), out _));
        }

        [Fact]
        public void SkipsACandidateWithABadChecksum()
        {
            FakePhysicalMemory memory = LowMemory(0);
            byte[] broken = RsdpImage.Version1(0xAAAA);
            broken[8]++;
            memory.Write(0xE1000, broken);
            memory.Write(0xE2000, RsdpImage.Version1(0xBBBB));
            var warnings = new BootWarnings();

            Assert.True(RsdpScanner.TryFind(memory, warnings, out RsdpInfo rsdp));
            Assert.Equal(0xE2000UL, rsdp.Address.Value);
            Assert.True(warnings.Contains(BootWarningCode.RsdpBadChecksum));
        }

        [Fact]
        public void ReportsUnreadableScanAreas()
        {
            var warnings = new BootWarnings();

            Assert.False(RsdpScanner.TryFind(new FakePhysicalMemory(), warnings, out _));
            Assert.Equal(2, warnings.Count);
            Assert.Equal(BootSubject.Ebda, warnings[0].Subject);
            Assert.Equal(BootWarningCode.Unreadable, warnings[1].Code);
            Assert.Equal(RsdpScanner.BiosAreaStart, warnings[1].A);
        }
    }
}
