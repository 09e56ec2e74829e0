// What the kernel does once it has logged "MinimalOS ready" (the after-ready command-line option).
namespace MinimalOS.Kernel.Boot
{
    public enum AfterReadyAction
    {
        /// <summary>Halt the CPU and wait (the default).</summary>
        Halt,

        /// <summary>ACPI power-off (S5); under QEMU this ends QEMU with status 0.</summary>
        PowerOff,

        /// <summary>Reset the machine; under QEMU with -no-reboot this ends QEMU with status 0.</summary>
        Reboot,

        /// <summary>Panic on purpose: shows the panic path (report, other CPUs stopped) on a real machine.</summary>
        Panic,
    }
}
