// after-ready=poweroff ends QEMU through ACPI S5 (status 0: isa-debug-exit can only give odd statuses) under
// direct boot, SeaBIOS and OVMF; after-ready=reboot ends QEMU under -no-reboot, through the keyboard
// controller on the pc machine (its ACPI 1.0 FADT has no reset register) and through the FADT reset register
// on q35. Without ACPI tables (pc,acpi=off) power-off falls back to isa-debug-exit (status 1).
using System;
using MinimalOS.Tests.Boot.Qemu;
using Xunit;

namespace MinimalOS.Tests.Boot
{
    public sealed class PowerTests
    {
        [Theory]
        [InlineData(BootMethod.Direct)]
        [InlineData(BootMethod.IsoBios)]
        [InlineData(BootMethod.IsoUefi)]
        public void PowerOffEndsQemuThroughAcpi(BootMethod boot)
        {
            var launch = new QemuLaunch("poweroff-" + boot.Slug(), boot, BuildArtifacts.Image(boot, testKernel: false))
            {
                KernelCommandLine = KernelMarkers.AfterReadyPowerOff,
            };
            AssertEndsAfter(launch, KernelMarkers.AcpiPowerOff);
        }

        [Fact]
        public void PowerOffWorksOnQ35()
        {
            var launch = new QemuLaunch("poweroff-q35", BootMethod.Direct, BuildArtifacts.Image(BootMethod.Direct, testKernel: false))
            {
                KernelCommandLine = KernelMarkers.AfterReadyPowerOff,
                Machine = "q35",
            };
            AssertEndsAfter(launch, KernelMarkers.AcpiPowerOff);
        }

        [Fact]
        public void PowerOffWithoutAcpiFallsBackToIsaDebugExit()
        {
            var launch = new QemuLaunch("poweroff-no-acpi", BootMethod.Direct, BuildArtifacts.Image(BootMethod.Direct, testKernel: false))
            {
                KernelCommandLine = KernelMarkers.AfterReadyPowerOff,
                Machine = "pc,acpi=off",
            };
            using var qemu = QemuInstance.Start(launch);
            int status = qemu.WaitForExit();

            Assert.True(qemu.Serial.ContainsLine(KernelMarkers.PowerOffFallback),
                $"no \"{KernelMarkers.PowerOffFallback}\" line (QEMU exit status {status}).\n{qemu.Diagnostics()}");
            Assert.False(qemu.Serial.ContainsLine(KernelMarkers.AcpiPowerOff), $"ACPI S5 attempted without ACPI tables.\n{qemu.Diagnostics()}");
            Assert.True(status == KernelMarkers.ExitOnReadyStatus,
                $"QEMU exit status {status}, expected {KernelMarkers.ExitOnReadyStatus} from isa-debug-exit.\n{qemu.Diagnostics()}");
        }

        [Theory]
        [InlineData(BootMethod.Direct)]
        [InlineData(BootMethod.IsoUefi)]
        public void RebootEndsQemuThroughTheKeyboardControllerOnPc(BootMethod boot)
        {
            var launch = new QemuLaunch("reboot-" + boot.Slug(), boot, BuildArtifacts.Image(boot, testKernel: false))
            {
                KernelCommandLine = KernelMarkers.AfterReadyReboot,
            };
            AssertEndsAfter(launch, KernelMarkers.RebootThroughKeyboardController);
        }

        [Fact]
        public void RebootUsesTheFadtResetRegisterOnQ35()
        {
            var launch = new QemuLaunch("reboot-q35", BootMethod.Direct, BuildArtifacts.Image(BootMethod.Direct, testKernel: false))
            {
                KernelCommandLine = KernelMarkers.AfterReadyReboot,
                Machine = "q35",
            };
            AssertEndsAfter(launch, KernelMarkers.RebootThroughResetRegister, qemu =>
                Assert.False(qemu.Serial.ContainsLine(KernelMarkers.RebootThroughKeyboardController),
                    $"the reset register did not reset: the keyboard controller was tried.\n{qemu.Diagnostics()}"));
        }

        /// <summary>Boots, waits for QEMU to end by itself, and checks the log, the exit status and then
        /// <paramref name="alsoCheck"/>.</summary>
        private static void AssertEndsAfter(QemuLaunch launch, string marker, Action<QemuInstance> alsoCheck = null)
        {
            using var qemu = QemuInstance.Start(launch);
            int status = qemu.WaitForExit();

            Assert.True(qemu.Serial.ContainsLine(KernelMarkers.Ready),
                $"no \"{KernelMarkers.Ready}\" line (QEMU exit status {status}).\n{qemu.Diagnostics()}");
            Assert.True(qemu.Serial.ContainsLine(marker),
                $"no \"{marker}\" line (QEMU exit status {status}).\n{qemu.Diagnostics()}");
            Assert.True(status == KernelMarkers.PowerOffStatus,
                $"QEMU exit status {status}, expected {KernelMarkers.PowerOffStatus} (a guest power-off or reset, not isa-debug-exit).\n{qemu.Diagnostics()}");
            alsoCheck?.Invoke(qemu);
        }
    }
}
