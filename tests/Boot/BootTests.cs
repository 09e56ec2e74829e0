// MinimalOS boots to "MinimalOS ready" by every boot method, and with `exit-on-ready` on its command line
// ends QEMU itself with status 1 (so a boot test never waits for a timeout).
using MinimalOS.Tests.Boot.Qemu;
using Xunit;

namespace MinimalOS.Tests.Boot
{
    public sealed class BootTests
    {
        [Theory]
        [InlineData(BootMethod.Direct)]
        [InlineData(BootMethod.IsoBios)]
        [InlineData(BootMethod.IsoUefi)]
        public void ReachesReadyAndExits(BootMethod boot)
        {
            var launch = new QemuLaunch("boot-" + boot.Slug(), boot, BuildArtifacts.Image(boot, testKernel: false))
            {
                KernelCommandLine = KernelMarkers.ExitOnReady,
            };
            using var qemu = QemuInstance.Start(launch);
            int status = qemu.WaitForExit();

            Assert.True(qemu.Serial.ContainsLine(KernelMarkers.Ready),
                $"no \"{KernelMarkers.Ready}\" line (QEMU exit status {status}).\n{qemu.Diagnostics()}");
            Assert.True(status == KernelMarkers.ExitOnReadyStatus,
                $"QEMU exit status {status}, expected {KernelMarkers.ExitOnReadyStatus} from exit-on-ready.\n{qemu.Diagnostics()}");
        }
    }
}
