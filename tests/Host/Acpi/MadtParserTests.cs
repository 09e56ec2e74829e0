// Host tests of the MADT parser: every entry type it reads, the 64-bit local APIC override, unknown types
// skipped, and malformed entry lists (length 0/1, running past the table, too short for the type).
using System;
using MinimalOS.Kernel.Acpi;
using Xunit;

namespace MinimalOS.Tests.Host.Acpi
{
    public class MadtParserTests
    {
        private static AcpiImage.Body Header(uint localApic = 0xFEE0_0000, uint flags = 1) => new AcpiImage.Body().U32(localApic).U32(flags);

        private static MadtInfo Parse(AcpiImage.Body body, AcpiWarnings warnings) => MadtParser.Parse(AcpiImage.Table("APIC", 3, body.ToArray()), warnings);

        [Fact]
        public void ReadsEveryEntryType()
        {
            AcpiImage.Body body = Header()
                .U8(0, 8, 0, 0).U32(1)                              // CPU 0: APIC id 0, enabled
                .U8(0, 8, 1, 2).U32(2)                              // CPU 1: APIC id 2, online-capable only
                .U8(9, 16).U16(0).U32(0x1234).U32(1).U32(77)        // x2APIC: id 0x1234, enabled, UID 77
                .U8(1, 12, 4, 0).U32(0xFEC0_0000).U32(0)            // I/O APIC 4
                .U8(2, 10, 0, 0).U32(2).U16(0)                      // ISA IRQ0 -> GSI 2, conforming
                .U8(2, 10, 0, 9).U32(9).U16(0x000D)                 // ISA IRQ9 -> GSI 9, active high, level
                .U8(3, 8).U16(0x000F).U32(23)                       // NMI source GSI 23, active low, level
                .U8(4, 6, 0xFF).U16(0x0005).U8(1)                   // all CPUs LINT1, active high, edge
                .U8(0xA, 12).U16(0).U32(77).U8(0, 0, 0, 0);         // x2 NMI: UID 77 LINT0
            var warnings = new AcpiWarnings();
            MadtInfo madt = Parse(body, warnings);

            Assert.Equal(0, warnings.Count);
            Assert.Equal(0xFEE0_0000UL, madt.LocalApicAddress.Value);
            Assert.False(madt.LocalApicAddressOverridden);
            Assert.True(madt.HasLegacyPics);
            Assert.Equal(3, madt.Processors.Count);
            Assert.Equal(2, madt.EnabledProcessorCount);
            Assert.Equal(0u, madt.Processors[0].ApicId);
            Assert.True(madt.Processors[0].Enabled);
            Assert.Equal(2u, madt.Processors[1].ApicId);
            Assert.Equal(1u, madt.Processors[1].AcpiProcessorId);
            Assert.False(madt.Processors[1].Enabled);
            Assert.True(madt.Processors[1].OnlineCapable);
            Assert.True(madt.Processors[2].IsX2Apic);
            Assert.Equal(0x1234u, madt.Processors[2].ApicId);
            Assert.Equal(77u, madt.Processors[2].AcpiProcessorId);

            Assert.Equal(1, madt.IoApics.Count);
            Assert.Equal(4, madt.IoApics[0].Id);
            Assert.Equal(0xFEC0_0000UL, madt.IoApics[0].Address.Value);
            Assert.Equal(0u, madt.IoApics[0].GsiBase);

            Assert.True(madt.TryFindIsaOverride(0, out MadtInterruptOverride timer));
            Assert.Equal(2u, timer.Gsi);
            Assert.Equal(InterruptPolarity.ConformsToBus, timer.Polarity);
            Assert.Equal(InterruptTrigger.ConformsToBus, timer.Trigger);
            Assert.True(madt.TryFindIsaOverride(9, out MadtInterruptOverride sci));
            Assert.Equal(InterruptPolarity.ActiveHigh, sci.Polarity);
            Assert.Equal(InterruptTrigger.Level, sci.Trigger);
            Assert.False(madt.TryFindIsaOverride(1, out _));

            Assert.Equal(1, madt.NmiSources.Count);
            Assert.Equal(23u, madt.NmiSources[0].Gsi);
            Assert.Equal(InterruptPolarity.ActiveLow, madt.NmiSources[0].Polarity);
            Assert.Equal(InterruptTrigger.Level, madt.NmiSources[0].Trigger);

            Assert.Equal(2, madt.LocalApicNmis.Count);
            Assert.True(madt.LocalApicNmis[0].AllProcessors);
            Assert.Equal(1, madt.LocalApicNmis[0].Lint);
            Assert.Equal(InterruptTrigger.Edge, madt.LocalApicNmis[0].Trigger);
            Assert.False(madt.LocalApicNmis[1].AllProcessors);
            Assert.True(madt.LocalApicNmis[1].IsX2Apic);
            Assert.Equal(77u, madt.LocalApicNmis[1].AcpiProcessorId);
            Assert.Equal(0, madt.LocalApicNmis[1].Lint);
        }

        [Fact]
        public void SixtyFourBitOverrideReplacesTheLocalApicAddress()
        {
            var warnings = new AcpiWarnings();
            MadtInfo madt = Parse(Header(flags: 0).U8(5, 12).U16(0).U64(0x1_0000_0000), warnings);

            Assert.Equal(0x1_0000_0000UL, madt.LocalApicAddress.Value);
            Assert.True(madt.LocalApicAddressOverridden);
            Assert.False(madt.HasLegacyPics);
        }

        [Fact]
        public void UnknownEntryTypesAreSkippedByTheirLength()
        {
            var warnings = new AcpiWarnings();
            MadtInfo madt = Parse(Header().U8(0x7F, 5, 1, 2, 3).U8(0, 8, 0, 0).U32(1), warnings);

            Assert.Equal(0, warnings.Count);
            Assert.Equal(1, madt.UnknownEntries);
            Assert.Equal(1, madt.Processors.Count);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        public void EntryLengthBelowTwoStopsParsing(byte length)
        {
            var warnings = new AcpiWarnings();
            MadtInfo madt = Parse(Header().U8(0, 8, 0, 0).U32(1).U8(0, length).U8(0, 8, 1, 1).U32(1), warnings);

            Assert.Equal(1, madt.Processors.Count);
            Assert.Equal(AcpiWarningCode.BadEntryLength, warnings[0].Code);
            Assert.Equal(52UL, warnings[0].B);
        }

        [Fact]
        public void EntryRunningPastTheTableStopsParsing()
        {
            var warnings = new AcpiWarnings();
            MadtInfo madt = Parse(Header().U8(0, 8, 0, 0).U32(1).U8(1, 200, 0, 0), warnings);

            Assert.Equal(1, madt.Processors.Count);
            Assert.Equal(0, madt.IoApics.Count);
            Assert.True(warnings.Contains(AcpiWarningCode.BadEntryLength));
        }

        [Fact]
        public void LoneTrailingByteStopsParsing()
        {
            var warnings = new AcpiWarnings();
            MadtInfo madt = Parse(Header().U8(0, 8, 0, 0).U32(1).U8(0), warnings);

            Assert.Equal(1, madt.Processors.Count);
            Assert.True(warnings.Contains(AcpiWarningCode.BadEntryLength));
        }

        [Fact]
        public void EntryTooShortForItsTypeIsSkippedAndParsingGoesOn()
        {
            var warnings = new AcpiWarnings();
            MadtInfo madt = Parse(Header().U8(1, 6, 0, 0, 0, 0).U8(0, 8, 0, 0).U32(1), warnings);

            Assert.Equal(0, madt.IoApics.Count);
            Assert.Equal(1, madt.Processors.Count);
            Assert.Equal(AcpiWarningCode.EntryTooShort, warnings[0].Code);
            Assert.Equal(1UL, warnings[0].A);
            Assert.Equal(6UL, warnings[0].B);
        }

        [Fact]
        public void TableWithoutItsFixedFieldsIsRejected()
        {
            var warnings = new AcpiWarnings();
            Assert.Null(MadtParser.Parse(AcpiImage.Table("APIC", 1, new byte[4]), warnings));
            Assert.True(warnings.Contains(AcpiWarningCode.TableTooShort));
        }

        [Fact]
        public void MoreIoApicsThanKeptAreCountedAndReported()
        {
            AcpiImage.Body body = Header();
            for (int i = 0; i < MadtInfo.MaxIoApics + 2; i++)
                body.U8(1, 12, (byte)i, 0).U32(0xFEC0_0000u + (uint)i * 0x1000).U32((uint)i * 24);
            var warnings = new AcpiWarnings();
            MadtInfo madt = Parse(body, warnings);

            Assert.Equal(MadtInfo.MaxIoApics, madt.IoApics.Count);
            Assert.Equal(2, madt.IoApics.Dropped);
            Assert.True(warnings.Contains(AcpiWarningCode.TooManyEntries));
        }

        [Fact]
        public void RandomEntryListsNeverThrow()
        {
            var random = new Random(4);
            for (int round = 0; round < 2000; round++)
            {
                var bytes = new byte[random.Next(0, 64)];
                random.NextBytes(bytes);
                var warnings = new AcpiWarnings();
                MadtInfo madt = Parse(Header().U8(bytes), warnings);
                Assert.NotNull(madt);
            }
        }
    }
}
