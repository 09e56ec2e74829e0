// Host tests of root table discovery and table validation: XSDT preferred, RSDT as fallback, and every kind
// of broken table (bad checksum, truncated, absurd length, garbage address, duplicates) reported and skipped.
using MinimalOS.Kernel.Acpi;
using Xunit;

namespace MinimalOS.Tests.Host.Acpi
{
    public class AcpiTableDirectoryTests
    {
        private static readonly byte[] Apic = AcpiImage.Table("APIC", 3, new byte[8]);
        private static readonly byte[] Hpet = AcpiImage.Table("HPET", 1, new byte[20]);
        private static readonly byte[] Facp = AcpiImage.Table("FACP", 1, new byte[80]);

        private static AcpiTableDirectory Read(Boot.FakePhysicalMemory memory, uint rsdt, ulong xsdt, AcpiWarnings warnings) =>
            AcpiTableDirectory.Read(AcpiImage.Rsdp(rsdt, xsdt), memory, warnings);

        [Fact]
        public void PrefersTheXsdtWhenValid()
        {
            var memory = AcpiImage.Memory((0x1000, AcpiImage.Rsdt(0x3000)), (0x2000, AcpiImage.Xsdt(0x4000, 0x5000)), (0x3000, Facp), (0x4000, Apic), (0x5000, Hpet));
            var warnings = new AcpiWarnings();
            AcpiTableDirectory directory = Read(memory, 0x1000, 0x2000, warnings);

            Assert.Equal(AcpiSignature.Xsdt, directory.RootSignature);
            Assert.Equal(2, directory.Count);
            Assert.True(directory.TryFind(AcpiSignature.Madt, out AcpiTableEntry madt));
            Assert.Equal(0x4000UL, madt.Address.Value);
            Assert.Equal((uint)Apic.Length, madt.Length);
            Assert.Equal(3, madt.Revision);
            Assert.False(directory.TryFind(AcpiSignature.Fadt, out _));
            Assert.Equal(0, warnings.Count);
        }

        [Fact]
        public void UsesTheRsdtWithoutAValidExtendedRsdp()
        {
            var memory = AcpiImage.Memory((0x1000, AcpiImage.Rsdt(0x3000, 0x4000)), (0x3000, Facp), (0x4000, Apic));
            var warnings = new AcpiWarnings();
            AcpiTableDirectory directory = Read(memory, 0x1000, 0, warnings);

            Assert.Equal(AcpiSignature.Rsdt, directory.RootSignature);
            Assert.Equal(2, directory.Count);
            Assert.Equal(AcpiSignature.Fadt, directory[0].Signature);
            Assert.Equal(AcpiSignature.Madt, directory[1].Signature);
            Assert.Equal(0, warnings.Count);
        }

        [Fact]
        public void FallsBackToTheRsdtWhenTheXsdtChecksumIsBad()
        {
            byte[] xsdt = AcpiImage.Xsdt(0x4000);
            xsdt[20] ^= 0x55;
            var memory = AcpiImage.Memory((0x1000, AcpiImage.Rsdt(0x3000)), (0x2000, xsdt), (0x3000, Facp), (0x4000, Apic));
            var warnings = new AcpiWarnings();
            AcpiTableDirectory directory = Read(memory, 0x1000, 0x2000, warnings);

            Assert.Equal(AcpiSignature.Rsdt, directory.RootSignature);
            Assert.True(directory.TryFind(AcpiSignature.Fadt, out _));
            Assert.False(directory.TryFind(AcpiSignature.Madt, out _));
            Assert.True(warnings.Contains(AcpiWarningCode.BadChecksum));
            Assert.True(warnings.Contains(AcpiWarningCode.XsdtUnusableUsingRsdt));
        }

        [Fact]
        public void FallsBackToTheRsdtWhenTheXsdtAddressIsGarbage()
        {
            var memory = AcpiImage.Memory((0x1000, AcpiImage.Rsdt(0x3000)), (0x3000, Facp));
            var warnings = new AcpiWarnings();
            AcpiTableDirectory directory = Read(memory, 0x1000, 0xDEAD_BEEF_0000, warnings);

            Assert.Equal(AcpiSignature.Rsdt, directory.RootSignature);
            Assert.Equal(1, directory.Count);
            Assert.True(warnings.Contains(AcpiWarningCode.HeaderUnreadable));
            Assert.True(warnings.Contains(AcpiWarningCode.XsdtUnusableUsingRsdt));
        }

        [Fact]
        public void XsdtPointingAtSomethingElseIsRefused()
        {
            var memory = AcpiImage.Memory((0x1000, AcpiImage.Rsdt(0x3000)), (0x3000, Facp));
            var warnings = new AcpiWarnings();
            AcpiTableDirectory directory = Read(memory, 0x1000, 0x3000, warnings);

            Assert.Equal(AcpiSignature.Rsdt, directory.RootSignature);
            Assert.True(warnings.Contains(AcpiWarningCode.WrongSignature));
        }

        [Fact]
        public void NoUsableRootTableLeavesAnEmptyDirectory()
        {
            byte[] rsdt = AcpiImage.Rsdt(0x3000);
            rsdt[0] = (byte)'X';
            var memory = AcpiImage.Memory((0x1000, rsdt), (0x3000, Facp));
            var warnings = new AcpiWarnings();
            AcpiTableDirectory directory = Read(memory, 0x1000, 0, warnings);

            Assert.Equal(0u, directory.RootSignature);
            Assert.Equal(0, directory.Count);
            Assert.True(warnings.Contains(AcpiWarningCode.NoRootTable));
        }

        [Fact]
        public void TableWithABadChecksumIsSkipped()
        {
            byte[] apic = (byte[])Apic.Clone();
            apic[40] ^= 1;
            var memory = AcpiImage.Memory((0x2000, AcpiImage.Xsdt(0x4000, 0x5000)), (0x4000, apic), (0x5000, Hpet));
            var warnings = new AcpiWarnings();
            AcpiTableDirectory directory = Read(memory, 0, 0x2000, warnings);

            Assert.Equal(1, directory.Count);
            Assert.False(directory.TryFind(AcpiSignature.Madt, out _));
            Assert.True(warnings.Contains(AcpiWarningCode.BadChecksum));
            Assert.Equal(0x4000UL, warnings[0].A);
            Assert.Equal((ulong)AcpiSignature.Madt, warnings[0].B);
        }

        [Fact]
        public void TruncatedTableIsSkipped()
        {
            var memory = AcpiImage.Memory((0x2000, AcpiImage.Xsdt(0x4000, 0x5000)), (0x4000, Apic[..40]), (0x5000, Hpet));
            var warnings = new AcpiWarnings();
            AcpiTableDirectory directory = Read(memory, 0, 0x2000, warnings);

            Assert.Equal(1, directory.Count);
            Assert.True(warnings.Contains(AcpiWarningCode.Truncated));
        }

        [Theory]
        [InlineData(0u)]
        [InlineData(35u)]
        [InlineData(0xFFFF_FFFFu)]
        [InlineData(AcpiTableReader.MaxTableLength + 1)]
        public void TableWithAnAbsurdLengthIsSkipped(uint length)
        {
            byte[] apic = (byte[])Apic.Clone();
            System.BitConverter.GetBytes(length).CopyTo(apic, 4);
            var memory = AcpiImage.Memory((0x2000, AcpiImage.Xsdt(0x4000)), (0x4000, apic));
            var warnings = new AcpiWarnings();
            AcpiTableDirectory directory = Read(memory, 0, 0x2000, warnings);

            Assert.Equal(0, directory.Count);
            Assert.True(warnings.Contains(AcpiWarningCode.BadLength));
        }

        [Fact]
        public void RootTableEntriesPointingNowhereAreSkipped()
        {
            var memory = AcpiImage.Memory((0x2000, AcpiImage.Xsdt(0, 0x9999_0000, 0x4000)), (0x4000, Apic));
            var warnings = new AcpiWarnings();
            AcpiTableDirectory directory = Read(memory, 0, 0x2000, warnings);

            Assert.Equal(1, directory.Count);
            Assert.Equal(2, warnings.Count);
            Assert.Equal(AcpiWarningCode.HeaderUnreadable, warnings[0].Code);
            Assert.Equal(AcpiWarningCode.HeaderUnreadable, warnings[1].Code);
        }

        [Fact]
        public void RaggedRootTableIsReportedAndItsWholeEntriesUsed()
        {
            byte[] xsdt = AcpiImage.Table("XSDT", 1, new AcpiImage.Body().U64(0x4000).U32(0x5000).ToArray());
            var memory = AcpiImage.Memory((0x2000, xsdt), (0x4000, Apic));
            var warnings = new AcpiWarnings();
            AcpiTableDirectory directory = Read(memory, 0, 0x2000, warnings);

            Assert.Equal(1, directory.Count);
            Assert.True(warnings.Contains(AcpiWarningCode.RootTableRagged));
        }

        [Fact]
        public void DuplicateTableIsReportedAndTheFirstIsUsed()
        {
            byte[] second = AcpiImage.Table("APIC", 4, new byte[12]);
            var memory = AcpiImage.Memory((0x2000, AcpiImage.Xsdt(0x4000, 0x5000)), (0x4000, Apic), (0x5000, second));
            var warnings = new AcpiWarnings();
            AcpiTableDirectory directory = Read(memory, 0, 0x2000, warnings);

            Assert.True(directory.TryFind(AcpiSignature.Madt, out AcpiTableEntry madt));
            Assert.Equal(0x4000UL, madt.Address.Value);
            Assert.True(warnings.Contains(AcpiWarningCode.DuplicateTable));
        }

        [Fact]
        public void SeveralSsdtsAreNormal()
        {
            byte[] ssdt = AcpiImage.Table("SSDT", 2, new byte[4]);
            var memory = AcpiImage.Memory((0x2000, AcpiImage.Xsdt(0x4000, 0x5000)), (0x4000, ssdt), (0x5000, ssdt));
            var warnings = new AcpiWarnings();
            AcpiTableDirectory directory = Read(memory, 0, 0x2000, warnings);

            Assert.Equal(2, directory.Count);
            Assert.Equal(0, warnings.Count);
        }

        [Fact]
        public void TooManyTablesAreCountedNotStored()
        {
            var addresses = new ulong[AcpiTableDirectory.Capacity + 3];
            var parts = new (ulong, byte[])[addresses.Length + 1];
            for (int i = 0; i < addresses.Length; i++)
            {
                addresses[i] = 0x10000UL + (ulong)i * 0x100;
                parts[i] = (addresses[i], AcpiImage.Table("SSDT", 1, new byte[4]));
            }
            parts[^1] = (0x2000, AcpiImage.Xsdt(addresses));
            var warnings = new AcpiWarnings();
            AcpiTableDirectory directory = Read(AcpiImage.Memory(parts), 0, 0x2000, warnings);

            Assert.Equal(AcpiTableDirectory.Capacity, directory.Count);
            Assert.True(warnings.Contains(AcpiWarningCode.TooManyTables));
        }

        [Fact]
        public void ChecksumRuleSumsEveryByte()
        {
            Assert.True(AcpiChecksum.IsValid(new byte[] { 1, 2, 253 }));
            Assert.False(AcpiChecksum.IsValid(new byte[] { 1, 2, 3 }));
            Assert.True(AcpiChecksum.IsValid(System.ReadOnlySpan<byte>.Empty));
        }

        [Fact]
        public void SignaturesFormatAsTextAndHideNonPrintableBytes()
        {
            var buffer = new char[4];
            Assert.Equal("APIC", new string(AcpiSignature.Format(AcpiSignature.Madt, buffer)));
            Assert.Equal("A???", new string(AcpiSignature.Format(0xFF00_0041, buffer)));
        }
    }
}
