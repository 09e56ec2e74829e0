// A local APIC input (LINT0/LINT1) wired to NMI, for one processor or all (entry type 4, or 0xA for x2APIC
// processor UIDs). The local APIC setup programs that LINT as NMI.
namespace MinimalOS.Kernel.Acpi
{
    public readonly struct MadtLocalApicNmi
    {
        public MadtLocalApicNmi(uint acpiProcessorId, bool allProcessors, byte lint, InterruptPolarity polarity, InterruptTrigger trigger, bool isX2Apic)
        {
            AcpiProcessorId = acpiProcessorId;
            AllProcessors = allProcessors;
            Lint = lint;
            Polarity = polarity;
            Trigger = trigger;
            IsX2Apic = isX2Apic;
        }

        /// <summary>Meaningful only when AllProcessors is false.</summary>
        public uint AcpiProcessorId { get; }

        /// <summary>The entry named processor 0xFF (type 4) or 0xFFFFFFFF (type 0xA): every processor.</summary>
        public bool AllProcessors { get; }

        /// <summary>0 for LINT0, 1 for LINT1.</summary>
        public byte Lint { get; }
        public InterruptPolarity Polarity { get; }
        public InterruptTrigger Trigger { get; }
        public bool IsX2Apic { get; }
    }
}
