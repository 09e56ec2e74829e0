// The framebuffer console shows the boot log: boots the ISO (GRUB sets up the Multiboot 2 framebuffer;
// a direct boot has none) under SeaBIOS and OVMF, waits for "MinimalOS ready", takes a QEMU screendump
// and checks it against ConsoleScreen's expectation.
using System;
using MinimalOS.Tests.Boot.Qemu;
using Xunit;

namespace MinimalOS.Tests.Boot.Screen
{
    public sealed class FramebufferConsoleTests
    {
        [Theory]
        [InlineData(BootMethod.IsoBios)]
        [InlineData(BootMethod.IsoUefi)]
        public void ShowsTheBootLog(BootMethod boot)
        {
            var launch = new QemuLaunch("framebuffer-" + boot.Slug(), boot, BuildArtifacts.Iso) { Monitor = true };
            using var qemu = QemuInstance.Start(launch);
            qemu.WaitForSerialLine(KernelMarkers.Ready);
            // The console may draw a moment after the serial line; the kernel then halts silently.
            qemu.WaitForSerialQuiet(TimeSpan.FromMilliseconds(500));
            PpmImage screen = PpmImage.Load(qemu.Screendump());

            var problems = ConsoleScreen.Problems(screen, qemu.Serial.Lines());
            Assert.True(problems.Count == 0,
                $"the screen does not show the boot log:\n  - {string.Join("\n  - ", problems)}\nscreendump {launch.ScreendumpPath}\n{qemu.Serial.Tail()}");
        }
    }
}
