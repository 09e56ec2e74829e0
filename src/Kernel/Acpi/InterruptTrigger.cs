// The trigger mode of an interrupt input as the MPS INTI flags state it. ConformsToBus means "the bus's
// default" (ISA: edge); Reserved is the value firmware must not use.
namespace MinimalOS.Kernel.Acpi
{
    public enum InterruptTrigger : byte
    {
        ConformsToBus = 0,
        Edge = 1,
        Reserved = 2,
        Level = 3,
    }
}
