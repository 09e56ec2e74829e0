// Decodes the 16-bit MPS INTI flags of MADT entries: bits 0-1 polarity, bits 2-3 trigger mode.
namespace MinimalOS.Kernel.Acpi
{
    public static class MpsInterruptFlags
    {
        public static InterruptPolarity Polarity(ushort flags) => (InterruptPolarity)(flags & 3);
        public static InterruptTrigger Trigger(ushort flags) => (InterruptTrigger)((flags >> 2) & 3);
    }
}
