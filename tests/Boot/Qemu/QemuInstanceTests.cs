// The runner's guarantees on a real QEMU: a run that never ends is killed at its deadline and the failure
// quotes the serial log; waiting for a line that never comes fails as soon as QEMU exits.
using System;
using Xunit;
using Xunit.Sdk;

namespace MinimalOS.Tests.Boot.Qemu
{
    public sealed class QemuInstanceTests
    {
        [Fact]
        public void KillsQemuAtTheDeadlineAndQuotesTheSerialLog()
        {
            // Without exit-on-ready the kernel halts after booting and QEMU would run forever.
            var launch = new QemuLaunch("runner-deadline", BootMethod.Direct, BuildArtifacts.Kernel) { Timeout = TimeSpan.FromSeconds(4) };
            using var qemu = QemuInstance.Start(launch);
            qemu.WaitForSerialLine(KernelMarkers.Ready);
            var failure = Assert.Throws<XunitException>(() => qemu.WaitForExit());
            Assert.Contains("did not exit within 4 s; killed it", failure.Message);
            Assert.Contains(KernelMarkers.Ready, failure.Message);
        }

        [Fact]
        public void StopsWaitingForALineWhenQemuExits()
        {
            var launch = new QemuLaunch("runner-early-exit", BootMethod.Direct, BuildArtifacts.Kernel) { KernelCommandLine = KernelMarkers.ExitOnReady };
            using var qemu = QemuInstance.Start(launch);
            var failure = Assert.Throws<XunitException>(() => qemu.WaitForSerialLine("a line the kernel never prints"));
            Assert.Contains($"exited with status {KernelMarkers.ExitOnReadyStatus} before the serial line", failure.Message);
        }
    }
}
