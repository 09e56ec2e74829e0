// Parses a validated MCFG into its configuration space allocations (16 bytes each after 8 reserved bytes).
// A trailing partial entry is reported; an allocation whose end bus precedes its start bus is skipped.
using System;
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Acpi
{
    public static class McfgParser
    {
        public const int FixedLength = 44;
        public const int EntryLength = 16;
        public const int MaxAllocations = 16;

        public static AcpiEntryList<McfgAllocation> Parse(ReadOnlySpan<byte> table, AcpiWarnings warnings)
        {
            var allocations = new AcpiEntryList<McfgAllocation>(MaxAllocations);
            if (table.Length < FixedLength)
            {
                warnings.Add(AcpiWarningCode.TableTooShort, AcpiSignature.Mcfg, (ulong)table.Length);
                return allocations;
            }
            if ((table.Length - FixedLength) % EntryLength != 0)
                warnings.Add(AcpiWarningCode.BadEntryLength, AcpiSignature.Mcfg, (ulong)(table.Length - (table.Length - FixedLength) % EntryLength));
            for (int offset = FixedLength; offset + EntryLength <= table.Length; offset += EntryLength)
            {
                byte startBus = table[offset + 10];
                byte endBus = table[offset + 11];
                if (endBus < startBus)
                {
                    warnings.Add(AcpiWarningCode.BadBusRange, startBus, endBus);
                    continue;
                }
                if (!allocations.Add(new McfgAllocation(new PhysicalAddress(LittleEndian.U64(table, offset)), LittleEndian.U16(table, offset + 8), startBus, endBus)))
                    warnings.Add(AcpiWarningCode.TooManyEntries, AcpiSignature.Mcfg, 0);
            }
            return allocations;
        }
    }
}
