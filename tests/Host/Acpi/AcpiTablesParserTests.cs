// Host tests of the whole path from RSDP to AcpiTables: a QEMU-like set of tables parsed completely, and
// broken tables (MADT checksum, DSDT checksum, DSDT without \_S5_) leaving exactly that part out.
using System;
using MinimalOS.Kernel.Acpi;
using Xunit;

namespace MinimalOS.Tests.Host.Acpi
{
    public class AcpiTablesParserTests
    {
        private const uint RsdtAddress = 0x7FE1AD8;

        private static byte[] Madt() => AcpiImage.Table("APIC", 1, new AcpiImage.Body().U32(0xFEE0_0000).U32(1)
            .U8(0, 8, 0, 0).U32(1).U8(1, 12, 0, 0).U32(0xFEC0_0000).U32(0).U8(2, 10, 0, 0).U32(2).U16(0).ToArray());

        private static byte[] Fadt(uint dsdt)
        {
            var body = new byte[116 - 36];
            BitConverter.GetBytes(dsdt).CopyTo(body, 40 - 36);
            BitConverter.GetBytes(0x604u).CopyTo(body, 64 - 36);
            BitConverter.GetBytes(0x608u).CopyTo(body, 76 - 36);
            body[89 - 36] = 2;
            body[91 - 36] = 4;
            return AcpiImage.Table("FACP", 1, body);
        }

        private static byte[] Dsdt(bool withS5) => AcpiImage.Table("DSDT", 1, withS5
            ? new byte[] { 0x10, 0x00, 0x08, (byte)'_', (byte)'S', (byte)'5', (byte)'_', 0x12, 0x06, 0x04, 0x0A, 0x05, 0x00, 0x00, 0x00 }
            : new byte[] { 0x10, 0x00, 0x08, (byte)'_', (byte)'S', (byte)'4', (byte)'_', 0x12, 0x06, 0x04, 0x0A, 0x05, 0x00, 0x00, 0x00 });

        private static AcpiTables Parse(byte[] madt, byte[] dsdt)
        {
            var memory = AcpiImage.Memory(
                (RsdtAddress, AcpiImage.Rsdt(0x7FE0000, 0x7FE1000, 0x7FE2000)),
                (0x7FE0000, Fadt(0x7FE3000)),
                (0x7FE1000, madt),
                (0x7FE2000, AcpiImage.Table("HPET", 1, new AcpiImage.Body().U32(0x8086_A201).U8(0, 64, 0, 0).U64(0xFED0_0000).U8(0).U16(0).U8(0).ToArray())),
                (0x7FE3000, dsdt));
            return AcpiTablesParser.Parse(AcpiImage.Rsdp(RsdtAddress, 0), memory);
        }

        [Fact]
        public void QemuLikeTablesParseCompletely()
        {
            AcpiTables tables = Parse(Madt(), Dsdt(withS5: true));

            Assert.Equal(0, tables.Warnings.Count);
            Assert.Equal(3, tables.Directory.Count);
            Assert.NotNull(tables.Madt);
            Assert.Equal(1, tables.Madt.IoApics.Count);
            Assert.NotNull(tables.Fadt);
            Assert.NotNull(tables.Hpet);
            Assert.Equal(0, tables.PciExpressAllocations.Count);
            Assert.True(tables.HasS5);
            Assert.Equal(5, tables.S5.TypeA);
            Assert.Equal(0, tables.S5.TypeB);
        }

        [Fact]
        public void BrokenMadtLeavesOnlyTheMadtOut()
        {
            byte[] madt = Madt();
            madt[50] ^= 0x10;
            AcpiTables tables = Parse(madt, Dsdt(withS5: true));

            Assert.Null(tables.Madt);
            Assert.NotNull(tables.Fadt);
            Assert.True(tables.HasS5);
            Assert.True(tables.Warnings.Contains(AcpiWarningCode.BadChecksum));
        }

        [Fact]
        public void DsdtWithABadChecksumGivesNoS5()
        {
            byte[] dsdt = Dsdt(withS5: true);
            dsdt[40] ^= 0x01;
            AcpiTables tables = Parse(Madt(), dsdt);

            Assert.False(tables.HasS5);
            Assert.True(tables.Warnings.Contains(AcpiWarningCode.DsdtUnusable));
        }

        [Fact]
        public void DsdtWithoutS5IsReported()
        {
            AcpiTables tables = Parse(Madt(), Dsdt(withS5: false));

            Assert.False(tables.HasS5);
            Assert.True(tables.Warnings.Contains(AcpiWarningCode.S5NotFound));
        }

        [Fact]
        public void WarningsHaveTextForEveryCode()
        {
            foreach (AcpiWarningCode code in Enum.GetValues<AcpiWarningCode>())
                Assert.NotEqual("ACPI warning", AcpiLog.WarningText(code));
        }
    }
}
