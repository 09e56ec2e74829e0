// Host tests of the HPET and MCFG parsers: fields decoded, short tables rejected, partial and inverted MCFG
// entries reported.
using MinimalOS.Kernel.Acpi;
using Xunit;

namespace MinimalOS.Tests.Host.Acpi
{
    public class HpetAndMcfgParserTests
    {
        [Fact]
        public void HpetFieldsAreDecoded()
        {
            byte[] body = new AcpiImage.Body().U32(0x8086_A201).U8(0, 64, 0, 0).U64(0xFED0_0000).U8(0).U16(128).U8(0).ToArray();
            var warnings = new AcpiWarnings();
            HpetInfo hpet = HpetParser.Parse(AcpiImage.Table("HPET", 1, body), warnings);

            Assert.Equal(0, warnings.Count);
            Assert.Equal(1, hpet.HardwareRevision);
            Assert.Equal(3, hpet.ComparatorCount);
            Assert.True(hpet.CounterIs64Bit);
            Assert.True(hpet.LegacyReplacementCapable);
            Assert.Equal(0x8086, hpet.PciVendorId);
            Assert.Equal(GenericAddressSpace.SystemMemory, hpet.BaseAddress.Space);
            Assert.Equal(0xFED0_0000UL, hpet.BaseAddress.Address);
            Assert.Equal(128, hpet.MinimumTick);
        }

        [Fact]
        public void ShortHpetTableIsRejected()
        {
            var warnings = new AcpiWarnings();
            Assert.Null(HpetParser.Parse(AcpiImage.Table("HPET", 1, new byte[10]), warnings));
            Assert.True(warnings.Contains(AcpiWarningCode.TableTooShort));
        }

        [Fact]
        public void McfgAllocationsAreDecoded()
        {
            byte[] body = new AcpiImage.Body().U64(0)
                .U64(0xB000_0000).U16(0).U8(0, 255).U32(0)
                .U64(0x2_0000_0000).U16(1).U8(16, 31).U32(0).ToArray();
            var warnings = new AcpiWarnings();
            AcpiEntryList<McfgAllocation> allocations = McfgParser.Parse(AcpiImage.Table("MCFG", 1, body), warnings);

            Assert.Equal(0, warnings.Count);
            Assert.Equal(2, allocations.Count);
            Assert.Equal(0xB000_0000UL, allocations[0].BaseAddress.Value);
            Assert.Equal(255, allocations[0].EndBus);
            Assert.Equal(1, allocations[1].Segment);
            Assert.Equal(16, allocations[1].StartBus);
            Assert.Equal(31, allocations[1].EndBus);
        }

        [Fact]
        public void PartialAndInvertedMcfgEntriesAreReported()
        {
            byte[] body = new AcpiImage.Body().U64(0)
                .U64(0xB000_0000).U16(0).U8(9, 3).U32(0)
                .U64(0xC000_0000).U16(0).U8(0, 1).U32(0)
                .U8(1, 2, 3).ToArray();
            var warnings = new AcpiWarnings();
            AcpiEntryList<McfgAllocation> allocations = McfgParser.Parse(AcpiImage.Table("MCFG", 1, body), warnings);

            Assert.Equal(1, allocations.Count);
            Assert.Equal(0xC000_0000UL, allocations[0].BaseAddress.Value);
            Assert.True(warnings.Contains(AcpiWarningCode.BadEntryLength));
            Assert.True(warnings.Contains(AcpiWarningCode.BadBusRange));
        }

        [Fact]
        public void McfgWithoutItsReservedFieldIsRejected()
        {
            var warnings = new AcpiWarnings();
            Assert.Equal(0, McfgParser.Parse(AcpiImage.Table("MCFG", 1, new byte[4]), warnings).Count);
            Assert.True(warnings.Contains(AcpiWarningCode.TableTooShort));
        }
    }
}
