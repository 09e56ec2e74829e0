// Parses a validated FADT ("FACP") into FadtInfo. The FADT grew over ACPI revisions, so every field is read
// only when the table is long enough to contain it; the 64-bit X_ fields win over the legacy 32-bit ones
// when present and non-zero.
using System;
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Acpi
{
    public static class FadtParser
    {
        /// <summary>The ACPI 1.0 FADT: everything up to and including the flags.</summary>
        public const int MinimumLength = 116;

        /// <summary>RESET_REG (offset 116, 12 bytes) and RESET_VALUE (offset 128) end here.</summary>
        public const int ResetFieldsEnd = 129;

        private const int DsdtOffset = 40;
        private const int SciOffset = 46;
        private const int SmiCommandOffset = 48;
        private const int AcpiEnableOffset = 52;
        private const int Pm1aControlOffset = 64;
        private const int Pm1bControlOffset = 68;
        private const int PmTimerOffset = 76;
        private const int Pm1ControlLengthOffset = 89;
        private const int PmTimerLengthOffset = 91;
        private const int CenturyOffset = 108;
        private const int FlagsOffset = 112;
        private const int ResetRegisterOffset = 116;
        private const int ResetValueOffset = 128;
        private const int ExtendedDsdtOffset = 140;
        private const int ExtendedPm1aControlOffset = 172;
        private const int ExtendedPm1bControlOffset = 184;
        private const int ExtendedPmTimerOffset = 208;

        /// <summary>Null (with a warning) when the table is shorter than the ACPI 1.0 FADT.</summary>
        public static FadtInfo Parse(ReadOnlySpan<byte> table, AcpiWarnings warnings)
        {
            if (table.Length < MinimumLength)
            {
                warnings.Add(AcpiWarningCode.TableTooShort, AcpiSignature.Fadt, (ulong)table.Length);
                return null;
            }
            var fadt = new FadtInfo
            {
                Revision = AcpiTableReader.Revision(table),
                Length = (uint)table.Length,
                Flags = LittleEndian.U32(table, FlagsOffset),
                SciInterrupt = LittleEndian.U16(table, SciOffset),
                SmiCommandPort = LittleEndian.U32(table, SmiCommandOffset),
                AcpiEnableValue = table[AcpiEnableOffset],
                CenturyRegister = table[CenturyOffset],
            };
            byte pm1ControlBits = (byte)(table[Pm1ControlLengthOffset] * 8);
            byte pmTimerBits = (byte)(table[PmTimerLengthOffset] * 8);
            fadt.Pm1aControl = Choose(table, ExtendedPm1aControlOffset, LittleEndian.U32(table, Pm1aControlOffset), pm1ControlBits);
            fadt.Pm1bControl = Choose(table, ExtendedPm1bControlOffset, LittleEndian.U32(table, Pm1bControlOffset), pm1ControlBits);
            fadt.PmTimer = Choose(table, ExtendedPmTimerOffset, LittleEndian.U32(table, PmTimerOffset), pmTimerBits);
            if (table.Length >= ResetFieldsEnd)
            {
                fadt.ResetRegister = GenericAddress.Read(table, ResetRegisterOffset);
                fadt.ResetValue = table[ResetValueOffset];
            }
            ulong dsdt = LittleEndian.U32(table, DsdtOffset);
            if (LittleEndian.Fits(table, ExtendedDsdtOffset, 8) && LittleEndian.U64(table, ExtendedDsdtOffset) != 0)
                dsdt = LittleEndian.U64(table, ExtendedDsdtOffset);
            fadt.Dsdt = new PhysicalAddress(dsdt);
            return fadt;
        }

        private static GenericAddress Choose(ReadOnlySpan<byte> table, int extendedOffset, uint legacyPort, byte legacyBits)
        {
            if (LittleEndian.Fits(table, extendedOffset, GenericAddress.Size))
            {
                GenericAddress extended = GenericAddress.Read(table, extendedOffset);
                if (extended.IsPresent)
                    return extended;
            }
            return GenericAddress.IoPort(legacyPort, legacyBits);
        }
    }
}
