// Parses a validated HPET table into HpetInfo; a table too short for its 56 bytes is reported and ignored.
using System;
using MinimalOS.Kernel.Boot;

namespace MinimalOS.Kernel.Acpi
{
    public static class HpetParser
    {
        public const int Length = 56;

        public static HpetInfo Parse(ReadOnlySpan<byte> table, AcpiWarnings warnings)
        {
            if (table.Length < Length)
            {
                warnings.Add(AcpiWarningCode.TableTooShort, AcpiSignature.Hpet, (ulong)table.Length);
                return null;
            }
            uint blockId = LittleEndian.U32(table, 36);
            return new HpetInfo
            {
                HardwareRevision = (byte)blockId,
                ComparatorCount = (int)((blockId >> 8) & 0x1F) + 1,
                CounterIs64Bit = (blockId & (1u << 13)) != 0,
                LegacyReplacementCapable = (blockId & (1u << 15)) != 0,
                PciVendorId = (ushort)(blockId >> 16),
                BaseAddress = GenericAddress.Read(table, 40),
                HpetNumber = table[52],
                MinimumTick = LittleEndian.U16(table, 53),
            };
        }
    }
}
