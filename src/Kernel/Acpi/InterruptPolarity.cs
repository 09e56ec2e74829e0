// The polarity of an interrupt input as the MPS INTI flags (MADT overrides and NMI entries) state it.
// ConformsToBus means "the bus's default" (ISA: active high); Reserved is the value firmware must not use.
namespace MinimalOS.Kernel.Acpi
{
    public enum InterruptPolarity : byte
    {
        ConformsToBus = 0,
        ActiveHigh = 1,
        Reserved = 2,
        ActiveLow = 3,
    }
}
