// From a validated RSDP to AcpiTables: reads the root table's directory, then parses the MADT, FADT, HPET,
// MCFG and (through the FADT) the DSDT's \_S5_ package. Every table goes through AcpiTableReader, so only
// tables with a sane length, fully readable and with a good checksum are ever parsed.
using System;
using MinimalOS.Kernel.Boot;

namespace MinimalOS.Kernel.Acpi
{
    public static class AcpiTablesParser
    {
        public static AcpiTables Parse(RsdpInfo rsdp, PhysicalMemoryReader memory)
        {
            var warnings = new AcpiWarnings();
            var tables = new AcpiTables(AcpiTableDirectory.Read(rsdp, memory, warnings), warnings);
            tables.PciExpressAllocations = new AcpiEntryList<McfgAllocation>(0);
            if (TryTable(tables, memory, AcpiSignature.Madt, out ReadOnlySpan<byte> table))
                tables.Madt = MadtParser.Parse(table, warnings);
            if (TryTable(tables, memory, AcpiSignature.Hpet, out table))
                tables.Hpet = HpetParser.Parse(table, warnings);
            if (TryTable(tables, memory, AcpiSignature.Mcfg, out table))
                tables.PciExpressAllocations = McfgParser.Parse(table, warnings);
            if (TryTable(tables, memory, AcpiSignature.Fadt, out table))
                tables.Fadt = FadtParser.Parse(table, warnings);
            if (tables.Fadt is not null)
                FindS5(tables, memory);
            return tables;
        }

        /// <summary>The directory already validated the table; it is read again here (memory is not ours to
        /// trust between two reads) and validated again.</summary>
        private static bool TryTable(AcpiTables tables, PhysicalMemoryReader memory, uint signature, out ReadOnlySpan<byte> table)
        {
            table = default;
            return tables.Directory.TryFind(signature, out AcpiTableEntry entry)
                && AcpiTableReader.TryRead(memory, entry.Address, signature, tables.Warnings, out table);
        }

        private static void FindS5(AcpiTables tables, PhysicalMemoryReader memory)
        {
            if (!AcpiTableReader.TryRead(memory, tables.Fadt.Dsdt, AcpiSignature.Dsdt, tables.Warnings, out ReadOnlySpan<byte> dsdt))
            {
                tables.Warnings.Add(AcpiWarningCode.DsdtUnusable, tables.Fadt.Dsdt.Value);
                return;
            }
            if (AmlS5Scanner.TryFind(dsdt.Slice(AcpiTableReader.HeaderLength), out SleepTypeValues s5))
            {
                tables.S5 = s5;
                tables.HasS5 = true;
            }
            else
            {
                tables.Warnings.Add(AcpiWarningCode.S5NotFound);
            }
        }
    }
}
