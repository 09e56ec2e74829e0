// Host tests of the FADT parser: an ACPI 1.0 table (legacy I/O blocks only, no reset register), an ACPI
// 2.0+ table whose 64-bit fields win, the flags that gate the reset register and the PM timer, and a table
// too short to use.
using System;
using MinimalOS.Kernel.Acpi;
using Xunit;

namespace MinimalOS.Tests.Host.Acpi
{
    public class FadtParserTests
    {
        /// <summary>A FADT body (after the header) of <paramref name="tableLength"/> bytes in all, QEMU-like legacy values.</summary>
        private static byte[] Body(int tableLength, uint flags)
        {
            var body = new byte[tableLength - 36];
            void U32(int offset, uint value) => BitConverter.GetBytes(value).CopyTo(body, offset - 36);
            U32(40, 0x7FE0040);                                  // DSDT
            BitConverter.GetBytes((ushort)9).CopyTo(body, 46 - 36); // SCI
            U32(48, 0xB2);                                        // SMI_CMD
            body[52 - 36] = 0xF1;                                 // ACPI_ENABLE
            U32(64, 0x604);                                       // PM1a_CNT_BLK
            U32(76, 0x608);                                       // PM_TMR_BLK
            body[89 - 36] = 2;                                    // PM1_CNT_LEN
            body[91 - 36] = 4;                                    // PM_TMR_LEN
            body[108 - 36] = 0x32;                                // CENTURY (the CMOS register)
            U32(112, flags);
            return body;
        }

        private static void Gas(byte[] body, int offset, byte space, byte bits, ulong address)
        {
            body[offset - 36] = space;
            body[offset - 36 + 1] = bits;
            BitConverter.GetBytes(address).CopyTo(body, offset - 36 + 4);
        }

        [Fact]
        public void Acpi1TableHasLegacyBlocksAndNoResetRegister()
        {
            var warnings = new AcpiWarnings();
            FadtInfo fadt = FadtParser.Parse(AcpiImage.Table("FACP", 1, Body(116, 0)), warnings);

            Assert.Equal(0, warnings.Count);
            Assert.Equal(9, fadt.SciInterrupt);
            Assert.Equal(0xB2u, fadt.SmiCommandPort);
            Assert.Equal(0xF1, fadt.AcpiEnableValue);
            Assert.Equal(GenericAddressSpace.SystemIo, fadt.Pm1aControl.Space);
            Assert.Equal(0x604UL, fadt.Pm1aControl.Address);
            Assert.Equal(16, fadt.Pm1aControl.BitWidth);
            Assert.False(fadt.Pm1bControl.IsPresent);
            Assert.True(fadt.HasPmTimer);
            Assert.Equal(0x608UL, fadt.PmTimer.Address);
            Assert.Equal(32, fadt.PmTimer.BitWidth);
            Assert.False(fadt.PmTimerIs32Bit);
            Assert.False(fadt.ResetSupported);
            Assert.Equal(0x7FE0040UL, fadt.Dsdt.Value);
            Assert.False(fadt.HardwareReduced);
            Assert.Equal(0x32, fadt.CenturyRegister);
        }

        [Fact]
        public void ResetRegisterFlagWithoutTheFieldIsNotSupport()
        {
            var warnings = new AcpiWarnings();
            FadtInfo fadt = FadtParser.Parse(AcpiImage.Table("FACP", 1, Body(116, FadtInfo.FlagResetRegisterSupported)), warnings);
            Assert.False(fadt.ResetSupported);
        }

        [Fact]
        public void ExtendedFieldsWinOverLegacyOnes()
        {
            byte[] body = Body(244, FadtInfo.FlagResetRegisterSupported | FadtInfo.FlagTimerValueExtended);
            Gas(body, 116, 1, 8, 0xCF9);
            body[128 - 36] = 0x06;
            BitConverter.GetBytes(0x1_2345_0000UL).CopyTo(body, 140 - 36);
            Gas(body, 172, 0, 32, 0xFED0_1004);
            Gas(body, 208, 1, 32, 0x408);
            var warnings = new AcpiWarnings();
            FadtInfo fadt = FadtParser.Parse(AcpiImage.Table("FACP", 5, body), warnings);

            Assert.True(fadt.ResetSupported);
            Assert.Equal(GenericAddressSpace.SystemIo, fadt.ResetRegister.Space);
            Assert.Equal(0xCF9UL, fadt.ResetRegister.Address);
            Assert.Equal(8, fadt.ResetRegister.BitWidth);
            Assert.Equal(0x06, fadt.ResetValue);
            Assert.Equal(0x1_2345_0000UL, fadt.Dsdt.Value);
            Assert.Equal(GenericAddressSpace.SystemMemory, fadt.Pm1aControl.Space);
            Assert.Equal(0xFED0_1004UL, fadt.Pm1aControl.Address);
            Assert.Equal(0x408UL, fadt.PmTimer.Address);
            Assert.True(fadt.PmTimerIs32Bit);
            Assert.Equal(5, fadt.Revision);
        }

        [Fact]
        public void ZeroExtendedFieldsFallBackToLegacyOnes()
        {
            var warnings = new AcpiWarnings();
            FadtInfo fadt = FadtParser.Parse(AcpiImage.Table("FACP", 3, Body(244, 0)), warnings);

            Assert.Equal(0x604UL, fadt.Pm1aControl.Address);
            Assert.Equal(0x608UL, fadt.PmTimer.Address);
            Assert.Equal(0x7FE0040UL, fadt.Dsdt.Value);
        }

        [Fact]
        public void ResetFlagWithAZeroRegisterIsNotSupport()
        {
            var warnings = new AcpiWarnings();
            FadtInfo fadt = FadtParser.Parse(AcpiImage.Table("FACP", 3, Body(244, FadtInfo.FlagResetRegisterSupported)), warnings);
            Assert.False(fadt.ResetSupported);
        }

        [Fact]
        public void HardwareReducedHasNoPmTimer()
        {
            var warnings = new AcpiWarnings();
            FadtInfo fadt = FadtParser.Parse(AcpiImage.Table("FACP", 5, Body(276, FadtInfo.FlagHardwareReduced)), warnings);
            Assert.True(fadt.HardwareReduced);
            Assert.False(fadt.HasPmTimer);
        }

        [Fact]
        public void TableShorterThanAcpi1IsRejected()
        {
            var warnings = new AcpiWarnings();
            Assert.Null(FadtParser.Parse(AcpiImage.Table("FACP", 1, new byte[100 - 36]), warnings));
            Assert.Equal(AcpiWarningCode.TableTooShort, warnings[0].Code);
            Assert.Equal(100UL, warnings[0].B);
        }

        [Fact]
        public void ExtendedFieldCutByTheTableLengthIsNotRead()
        {
            // X_PM1a_CNT_BLK starts at 172 but the table ends at 180, inside its address field.
            byte[] body = Body(180, 0);
            body[172 - 36 + 1] = 32;
            BitConverter.GetBytes(0xFED0_1004u).CopyTo(body, 176 - 36);
            var warnings = new AcpiWarnings();
            FadtInfo fadt = FadtParser.Parse(AcpiImage.Table("FACP", 2, body), warnings);
            Assert.Equal(0x604UL, fadt.Pm1aControl.Address);
        }
    }
}
