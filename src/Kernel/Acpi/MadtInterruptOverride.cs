// An Interrupt Source Override from the MADT (entry type 2): bus-relative IRQ SourceIrq (bus 0 = ISA) is
// wired to global system interrupt Gsi with the given polarity and trigger mode. ISA IRQs without an
// override map identically (IRQ n = GSI n, edge, active high).
namespace MinimalOS.Kernel.Acpi
{
    public readonly struct MadtInterruptOverride
    {
        public MadtInterruptOverride(byte bus, byte sourceIrq, uint gsi, InterruptPolarity polarity, InterruptTrigger trigger)
        {
            Bus = bus;
            SourceIrq = sourceIrq;
            Gsi = gsi;
            Polarity = polarity;
            Trigger = trigger;
        }

        public byte Bus { get; }
        public byte SourceIrq { get; }
        public uint Gsi { get; }
        public InterruptPolarity Polarity { get; }
        public InterruptTrigger Trigger { get; }
    }
}
