// How the local APIC's registers are reached: memory-mapped (xAPIC) or through MSRs (x2APIC).
namespace MinimalOS.Kernel.Arch.X86_64.Apic
{
    internal enum LocalApicMode
    {
        Disabled,
        XApic,
        X2Apic,
    }
}
