// The kernel monitor end to end (command line `monitor`): text typed into COM1 through QEMU's chardev
// socket and keys pressed on the emulated PS/2 keyboard through QMP send-key reach the monitor in order,
// are echoed after the prompt and run their commands; `poweroff` typed at the prompt ends QEMU. The kernel
// polls both devices until interrupts are routed, so these tests also cover the polling fallback.
using System;
using System.Linq;
using MinimalOS.Tests.Boot.Qemu;
using Xunit;

namespace MinimalOS.Tests.Boot
{
    public sealed class MonitorTests
    {
        private static QemuLaunch Launch(string name, BootMethod boot = BootMethod.Direct) =>
            new(name, boot, BuildArtifacts.Image(boot, testKernel: false))
            {
                KernelCommandLine = KernelMarkers.MonitorOption,
                SerialInput = true,
                Monitor = true,
                Timeout = TimeSpan.FromSeconds(90),
            };

        [Fact]
        public void SerialCommandsRunInTheOrderTyped()
        {
            using var qemu = QemuInstance.Start(Launch("monitor-serial"));
            qemu.WaitForSerialLine(KernelMarkers.MonitorStarted);

            qemu.TypeOnSerial("help\r");
            qemu.WaitForSerialLine(KernelMarkers.MonitorHelpLine);
            // Several commands in one burst (more than the UART's 16-byte FIFO), with a backspace edit.
            qemu.TypeOnSerial("mem\r\ntime\rcpu\rbogus thing\rlog loud\rxy\u007fz\r");
            qemu.WaitForSerialLine("unknown command \"xz\"");

            AssertLinesInOrder(qemu,
                KernelMarkers.MonitorPrompt + "help",
                KernelMarkers.MonitorHelpLine,
                KernelMarkers.MonitorPrompt + "mem",
                KernelMarkers.MonitorFrames,
                KernelMarkers.MonitorPrompt + "time",
                "uptime: ",
                KernelMarkers.MonitorPrompt + "cpu",
                "vendor: ",
                "cpu 0: apic id 0, ",
                KernelMarkers.MonitorPrompt + "bogus thing",
                "unknown command \"bogus\"",
                KernelMarkers.MonitorPrompt + "log loud",
                "unknown log level",
                "unknown command \"xz\"");
        }

        [Theory]
        [InlineData(BootMethod.Direct)]
        [InlineData(BootMethod.IsoUefi)]
        public void PoweroffTypedAtThePromptEndsQemu(BootMethod boot)
        {
            using var qemu = QemuInstance.Start(Launch("monitor-poweroff-" + boot.Slug(), boot));
            qemu.WaitForSerialLine(KernelMarkers.MonitorStarted);

            qemu.TypeOnSerial("poweroff\r");
            int status = qemu.WaitForExit();

            Assert.True(qemu.Serial.ContainsLine(KernelMarkers.AcpiPowerOff), $"no \"{KernelMarkers.AcpiPowerOff}\" line.\n{qemu.Diagnostics()}");
            Assert.True(status == KernelMarkers.PowerOffStatus, $"QEMU exit status {status}, expected {KernelMarkers.PowerOffStatus}.\n{qemu.Diagnostics()}");
        }

        [Fact]
        public void KeyboardKeysArriveInOrderWithShift()
        {
            using var qemu = QemuInstance.Start(Launch("monitor-keyboard"));
            qemu.WaitForSerialLine(KernelMarkers.MonitorStarted);

            // "Kbd" then Backspace and "x", Enter: an unknown command whose name shows order, Shift and editing.
            qemu.SendKeys("shift-k", "b", "d", "backspace", "x", "ret");
            qemu.WaitForSerialLine("unknown command \"Kbx\"");
            qemu.SendKeys("h", "e", "l", "p", "ret");
            qemu.WaitForSerialLine(KernelMarkers.MonitorHelpLine);

            AssertLinesInOrder(qemu, "unknown command \"Kbx\"", KernelMarkers.MonitorPrompt + "help", KernelMarkers.MonitorHelpLine);
        }

        [Fact]
        public void WithoutTheOptionTheKernelDoesNotListen()
        {
            var launch = new QemuLaunch("monitor-off", BootMethod.Direct, BuildArtifacts.Image(BootMethod.Direct, testKernel: false))
            {
                SerialInput = true,
                Timeout = TimeSpan.FromSeconds(60),
            };
            using var qemu = QemuInstance.Start(launch);
            qemu.WaitForSerialLine(KernelMarkers.Ready);
            qemu.TypeOnSerial("help\r");
            qemu.WaitForSerialQuiet(TimeSpan.FromSeconds(2));

            Assert.False(qemu.Serial.ContainsLine(KernelMarkers.MonitorPrompt), $"a monitor prompt without the option.\n{qemu.Diagnostics()}");
            Assert.False(qemu.Serial.ContainsLine(KernelMarkers.MonitorHelpLine), $"help ran without the option.\n{qemu.Diagnostics()}");
        }

        /// <summary>Each marker is found on a line after the previous marker's line.</summary>
        private static void AssertLinesInOrder(QemuInstance qemu, params string[] markers)
        {
            var lines = qemu.Serial.Lines().ToList();
            int from = 0;
            foreach (string marker in markers)
            {
                int found = lines.FindIndex(from, line => line.Contains(marker, StringComparison.Ordinal));
                Assert.True(found >= 0, $"no line with \"{marker}\" after line {from} (markers in order: {string.Join(" | ", markers)}).\n{qemu.Serial.Tail(60)}");
                from = found + 1;
            }
        }
    }
}
