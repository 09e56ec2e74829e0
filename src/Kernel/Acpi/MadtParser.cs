// Parses a validated MADT ("APIC") into MadtInfo. The entry list is untrusted: an entry shorter than 2
// bytes or running past the table ends parsing with a warning (the rest cannot be located); an entry too
// short for its type is skipped with a warning; unknown types are skipped by their length.
using System;
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Acpi
{
    public static class MadtParser
    {
        /// <summary>Header, local APIC address, flags.</summary>
        public const int FixedLength = 44;

        private const byte TypeLocalApic = 0;
        private const byte TypeIoApic = 1;
        private const byte TypeInterruptOverride = 2;
        private const byte TypeNmiSource = 3;
        private const byte TypeLocalApicNmi = 4;
        private const byte TypeLocalApicAddressOverride = 5;
        private const byte TypeLocalX2Apic = 9;
        private const byte TypeLocalX2ApicNmi = 0xA;

        /// <summary>Null (with a warning) when the table is too short for its fixed fields.</summary>
        public static MadtInfo Parse(ReadOnlySpan<byte> table, AcpiWarnings warnings)
        {
            if (table.Length < FixedLength)
            {
                warnings.Add(AcpiWarningCode.TableTooShort, AcpiSignature.Madt, (ulong)table.Length);
                return null;
            }
            var madt = new MadtInfo
            {
                LocalApicAddress = new PhysicalAddress(LittleEndian.U32(table, 36)),
                Flags = LittleEndian.U32(table, 40),
            };
            int offset = FixedLength;
            while (offset < table.Length)
            {
                int length = table.Length - offset >= 2 ? table[offset + 1] : 0;
                if (length < 2 || length > table.Length - offset)
                {
                    warnings.Add(AcpiWarningCode.BadEntryLength, AcpiSignature.Madt, (ulong)offset);
                    break;
                }
                ParseEntry(table.Slice(offset, length), madt, warnings);
                offset += length;
            }
            return madt;
        }

        private static void ParseEntry(ReadOnlySpan<byte> entry, MadtInfo madt, AcpiWarnings warnings)
        {
            byte type = entry[0];
            int needed = RequiredLength(type);
            if (needed == 0)
            {
                madt.UnknownEntries++;
                return;
            }
            if (entry.Length < needed)
            {
                warnings.Add(AcpiWarningCode.EntryTooShort, type, (ulong)entry.Length);
                return;
            }
            bool stored = true;
            switch (type)
            {
                case TypeLocalApic:
                {
                    uint flags = LittleEndian.U32(entry, 4);
                    stored = madt.Processors.Add(new MadtProcessor(entry[2], entry[3], (flags & 1) != 0, (flags & 2) != 0, isX2Apic: false));
                    break;
                }
                case TypeLocalX2Apic:
                {
                    uint flags = LittleEndian.U32(entry, 8);
                    stored = madt.Processors.Add(new MadtProcessor(LittleEndian.U32(entry, 12), LittleEndian.U32(entry, 4), (flags & 1) != 0, (flags & 2) != 0, isX2Apic: true));
                    break;
                }
                case TypeIoApic:
                    stored = madt.IoApics.Add(new MadtIoApic(entry[2], new PhysicalAddress(LittleEndian.U32(entry, 4)), LittleEndian.U32(entry, 8)));
                    break;
                case TypeInterruptOverride:
                {
                    ushort flags = LittleEndian.U16(entry, 8);
                    stored = madt.Overrides.Add(new MadtInterruptOverride(entry[2], entry[3], LittleEndian.U32(entry, 4), MpsInterruptFlags.Polarity(flags), MpsInterruptFlags.Trigger(flags)));
                    break;
                }
                case TypeNmiSource:
                {
                    ushort flags = LittleEndian.U16(entry, 2);
                    stored = madt.NmiSources.Add(new MadtNmiSource(LittleEndian.U32(entry, 4), MpsInterruptFlags.Polarity(flags), MpsInterruptFlags.Trigger(flags)));
                    break;
                }
                case TypeLocalApicNmi:
                {
                    ushort flags = LittleEndian.U16(entry, 3);
                    stored = madt.LocalApicNmis.Add(new MadtLocalApicNmi(entry[2], entry[2] == 0xFF, entry[5], MpsInterruptFlags.Polarity(flags), MpsInterruptFlags.Trigger(flags), isX2Apic: false));
                    break;
                }
                case TypeLocalX2ApicNmi:
                {
                    ushort flags = LittleEndian.U16(entry, 2);
                    uint uid = LittleEndian.U32(entry, 4);
                    stored = madt.LocalApicNmis.Add(new MadtLocalApicNmi(uid, uid == 0xFFFF_FFFF, entry[8], MpsInterruptFlags.Polarity(flags), MpsInterruptFlags.Trigger(flags), isX2Apic: true));
                    break;
                }
                case TypeLocalApicAddressOverride:
                    madt.LocalApicAddress = new PhysicalAddress(LittleEndian.U64(entry, 4));
                    madt.LocalApicAddressOverridden = true;
                    break;
            }
            if (!stored)
                warnings.Add(AcpiWarningCode.TooManyEntries, AcpiSignature.Madt, type);
        }

        /// <summary>The minimum length of an entry type this parser reads; 0 for types it skips.</summary>
        private static int RequiredLength(byte type) => type switch
        {
            TypeLocalApic => 8,
            TypeIoApic => 12,
            TypeInterruptOverride => 10,
            TypeNmiSource => 8,
            TypeLocalApicNmi => 6,
            TypeLocalApicAddressOverride => 12,
            TypeLocalX2Apic => 16,
            TypeLocalX2ApicNmi => 12,
            _ => 0,
        };
    }
}
