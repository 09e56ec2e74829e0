// The ACPI part of start-up: once the direct map exists, parse the tables the validated RSDP leads to, log
// the summary, and keep the result for the interrupt, timer and power code. Runs once, on the boot CPU.
using MinimalOS.Kernel.Acpi;
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Logging;

namespace MinimalOS.Kernel.Arch.X86_64
{
    internal static class AcpiStartup
    {
        /// <summary>The parsed tables; null before Start, and when the boot information had no valid RSDP.</summary>
        public static AcpiTables Tables { get; private set; }

        public static void Start(BootInfo boot)
        {
            if (!boot.HasRsdp)
            {
                Log.Warn("acpi", $"no valid RSDP from boot: no ACPI tables (no APIC map, no ACPI power-off or reset register)");
                return;
            }
            Tables = AcpiTablesParser.Parse(boot.Rsdp, new DirectMapReader());
            AcpiLog.Write(Tables);
        }
    }
}
