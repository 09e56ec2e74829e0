// What the MADT ("APIC") says about interrupt hardware: the local APIC address every CPU sees (with the
// 64-bit override applied), whether legacy 8259 PICs are present, and the processors, I/O APICs, overrides
// and NMI wiring. Filled only by MadtParser; read-only afterwards by convention.
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Acpi
{
    public sealed class MadtInfo
    {
        public const int MaxProcessors = 256;
        public const int MaxIoApics = 16;
        public const int MaxOverrides = 32;
        public const int MaxNmiSources = 16;
        public const int MaxLocalApicNmis = 32;

        /// <summary>Flags bit 0 (PCAT_COMPAT): the system also has dual 8259 PICs, to be masked before using APICs.</summary>
        public const uint PcAtCompatibleFlag = 1;

        public PhysicalAddress LocalApicAddress { get; internal set; }

        /// <summary>True when an entry of type 5 replaced the 32-bit address from the header.</summary>
        public bool LocalApicAddressOverridden { get; internal set; }

        public uint Flags { get; internal set; }
        public bool HasLegacyPics => (Flags & PcAtCompatibleFlag) != 0;

        public AcpiEntryList<MadtProcessor> Processors { get; } = new AcpiEntryList<MadtProcessor>(MaxProcessors);
        public AcpiEntryList<MadtIoApic> IoApics { get; } = new AcpiEntryList<MadtIoApic>(MaxIoApics);
        public AcpiEntryList<MadtInterruptOverride> Overrides { get; } = new AcpiEntryList<MadtInterruptOverride>(MaxOverrides);
        public AcpiEntryList<MadtNmiSource> NmiSources { get; } = new AcpiEntryList<MadtNmiSource>(MaxNmiSources);
        public AcpiEntryList<MadtLocalApicNmi> LocalApicNmis { get; } = new AcpiEntryList<MadtLocalApicNmi>(MaxLocalApicNmis);

        /// <summary>Entries of types this kernel does not use (skipped by their length).</summary>
        public int UnknownEntries { get; internal set; }

        public int EnabledProcessorCount
        {
            get
            {
                int count = 0;
                for (int i = 0; i < Processors.Count; i++)
                {
                    if (Processors[i].Enabled)
                        count++;
                }
                return count;
            }
        }

        /// <summary>The override for ISA IRQ <paramref name="irq"/>, if the firmware gave one.</summary>
        public bool TryFindIsaOverride(byte irq, out MadtInterruptOverride found)
        {
            for (int i = 0; i < Overrides.Count; i++)
            {
                if (Overrides[i].Bus == 0 && Overrides[i].SourceIrq == irq)
                {
                    found = Overrides[i];
                    return true;
                }
            }
            found = default;
            return false;
        }
    }
}
