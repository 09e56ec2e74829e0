// Text the kernel prints that the boot tests wait for. Must match src/Kernel/KernelMain.cs.
namespace MinimalOS.Tests.Boot
{
    public static class KernelMarkers
    {
        /// <summary>The last boot log line; with exit-on-ready QEMU exits with status 1 right after it.</summary>
        public const string Ready = "MinimalOS ready";

        public const string ExitOnReady = "exit-on-ready";

        /// <summary>The kernel option that waits for the root task to exit (src/Kernel/Boot/KernelOptions.cs).</summary>
        public const string WaitRootTask = "wait-roottask";

        /// <summary>How BootInfoLog (src/Kernel/Boot/BootInfoLog.cs) starts the line quoting a boot module's string.</summary>
        public const string ModuleString = "module string: \"";

        /// <summary>Logged by FpuState.InitializeThisCpu (src/Kernel/Arch/X86_64/FpuState.cs) on CPUs without XSAVE.</summary>
        public const string FpuWithFxsave = "fpu: FXSAVE state switching";

        /// <summary>Part of FpuState's line when threads switch with XSAVE or XSAVEOPT and AVX state is saved.</summary>
        public const string FpuWithXsaveAndAvx = "(x87 SSE AVX";

        public const string AfterReadyPowerOff = "after-ready=poweroff";
        public const string AfterReadyPanic = "after-ready=panic";
        public const string DeliberatePanic = "panic: deliberate panic (after-ready=panic)";
        public const string AfterReadyReboot = "after-ready=reboot";

        /// <summary>Logged by SystemPower.Off just before it writes SLP_TYP|SLP_EN (src/Kernel/Power/SystemPower.cs).</summary>
        public const string AcpiPowerOff = "powering off: ACPI S5";

        /// <summary>Logged by SystemPower.Off when ACPI power-off is impossible or did not take effect.</summary>
        public const string PowerOffFallback = "trying QEMU's isa-debug-exit";

        /// <summary>Logged by SystemPower.Reboot before each method it tries.</summary>
        public const string RebootThroughResetRegister = "rebooting through the ACPI reset register";
        public const string RebootThroughKeyboardController = "rebooting through the keyboard controller";

        /// <summary>The kernel option that starts the monitor after "MinimalOS ready".</summary>
        public const string MonitorOption = "monitor";

        /// <summary>Logged by KernelMonitor.Run once it reads input (src/Kernel/Monitor/KernelMonitor.cs).</summary>
        public const string MonitorStarted = "kernel monitor on the console";

        /// <summary>The monitor's prompt, followed on the same line by the echo of what is typed.</summary>
        public const string MonitorPrompt = "monitor> ";

        /// <summary>A line of the monitor's help text (src/Kernel/Monitor/MonitorCommandParser.cs).</summary>
        public const string MonitorHelpLine = "poweroff          turn the machine off";

        /// <summary>The start of the monitor's mem output.</summary>
        public const string MonitorFrames = "frames: ";

        /// <summary>QEMU's status when the guest powers off, or resets under -no-reboot: a normal exit. The
        /// isa-debug-exit device can only produce odd statuses, so 0 proves it was not used.</summary>
        public const int PowerOffStatus = 0;

        /// <summary>QEMU's status after the kernel wrote 0 to isa-debug-exit (2 * 0 + 1).</summary>
        public const int ExitOnReadyStatus = 1;
    }
}
