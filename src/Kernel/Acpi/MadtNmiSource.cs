// A global system interrupt the MADT says carries a non-maskable interrupt (entry type 3); the I/O APIC
// input must be programmed as NMI, never as an ordinary vector.
namespace MinimalOS.Kernel.Acpi
{
    public readonly struct MadtNmiSource
    {
        public MadtNmiSource(uint gsi, InterruptPolarity polarity, InterruptTrigger trigger)
        {
            Gsi = gsi;
            Polarity = polarity;
            Trigger = trigger;
        }

        public uint Gsi { get; }
        public InterruptPolarity Polarity { get; }
        public InterruptTrigger Trigger { get; }
    }
}
