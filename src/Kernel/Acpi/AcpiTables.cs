// Everything the kernel took from the ACPI tables, parsed and validated: the table directory, the MADT,
// FADT, HPET and MCFG when present and sound, the \_S5_ sleep type for power-off, and the warnings met on
// the way. A missing or rejected table reads as null (HasS5 false for \_S5_). Built only by
// AcpiTablesParser; read-only afterwards by convention.
namespace MinimalOS.Kernel.Acpi
{
    public sealed class AcpiTables
    {
        internal AcpiTables(AcpiTableDirectory directory, AcpiWarnings warnings)
        {
            Directory = directory;
            Warnings = warnings;
        }

        public AcpiTableDirectory Directory { get; }
        public AcpiWarnings Warnings { get; }

        public MadtInfo Madt { get; internal set; }
        public FadtInfo Fadt { get; internal set; }
        public HpetInfo Hpet { get; internal set; }

        /// <summary>Empty when there is no MCFG (no PCI Express enhanced configuration access).</summary>
        public AcpiEntryList<McfgAllocation> PciExpressAllocations { get; internal set; }

        public bool HasS5 { get; internal set; }
        public SleepTypeValues S5 { get; internal set; }
    }
}
