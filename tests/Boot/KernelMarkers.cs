// Text the kernel prints that the boot tests wait for. Must match src/Kernel/KernelMain.cs.
namespace MinimalOS.Tests.Boot
{
    public static class KernelMarkers
    {
        /// <summary>The last boot log line; with exit-on-ready QEMU exits with status 1 right after it.</summary>
        public const string Ready = "MinimalOS ready";

        public const string ExitOnReady = "exit-on-ready";

        /// <summary>QEMU's status after the kernel wrote 0 to isa-debug-exit (2 * 0 + 1).</summary>
        public const int ExitOnReadyStatus = 1;
    }
}
