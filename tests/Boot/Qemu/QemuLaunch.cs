// What one QEMU run boots and attaches, and where its files go: every run keeps its serial logs and QEMU's
// own output under build/test-logs/<Name>.*, so a failure can always be looked at afterwards.
using System;
using System.IO;

namespace MinimalOS.Tests.Boot.Qemu
{
    public sealed class QemuLaunch
    {
        public QemuLaunch(string name, BootMethod boot, string image)
        {
            if (string.IsNullOrEmpty(name) || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name.Contains(','))
                throw new ArgumentException($"'{name}' cannot name log files (no path characters, no commas: QEMU options would split there)", nameof(name));
            Name = name;
            Boot = boot;
            Image = image;
        }

        /// <summary>The run's name: the stem of all its files.</summary>
        public string Name { get; }

        public BootMethod Boot { get; }

        /// <summary>The kernel ELF (direct boot) or ISO that is booted.</summary>
        public string Image { get; }

        /// <summary>The root task a direct boot loads as its first boot module; null: the normal one (build/user/roottask.elf).</summary>
        public string RootTask { get; init; }

        /// <summary>The kernel command line (for the ISO it travels as an SMBIOS OEM string that grub.cfg reads).</summary>
        public string KernelCommandLine { get; init; } = "";

        /// <summary>Guest RAM as QEMU's -m takes it ("64M", "8G"); null keeps QEMU's default.</summary>
        public string MemorySize { get; init; }

        /// <summary>QEMU's -machine type ("q35"); null keeps QEMU's default (the i440FX "pc" machine).</summary>
        public string Machine { get; init; }

        /// <summary>QEMU's -cpu model, or null for QEMU's default.</summary>
        public string CpuModel { get; init; }

        /// <summary>QEMU's -smp CPU count, or 0 for QEMU's default (one).</summary>
        public int Cpus { get; init; }

        /// <summary>Connect COM2 to <see cref="ResultsLogPath"/> (the kernel tests report there).</summary>
        public bool ResultsSerial { get; init; }

        /// <summary>Open a QMP socket (for screendump and send-key).</summary>
        public bool Monitor { get; init; }

        /// <summary>
        /// Give COM1 an input the test can type into (QemuInstance.TypeOnSerial): QEMU's pipe chardev reads
        /// <see cref="SerialInputPath"/> (a FIFO) and writes the guest's output to <see cref="SerialLogPath"/>.
        /// </summary>
        public bool SerialInput { get; init; }

        /// <summary>Hard limit on the whole run; QEMU is killed and the test fails when it passes.</summary>
        public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);

        /// <summary>COM1's output. With serial input it is the pipe chardev's "&lt;base&gt;.out" file, a regular
        /// file, so the guest never waits for a reader.</summary>
        public string SerialLogPath => SerialInput ? SerialPipeBase + ".out" : FilePath(".log");

        /// <summary>The FIFO QEMU reads COM1's input from (with serial input).</summary>
        public string SerialInputPath => SerialPipeBase + ".in";

        /// <summary>QEMU's pipe chardev appends ".in" and ".out" to this path.</summary>
        public string SerialPipeBase => FilePath(".com1");
        public string ResultsLogPath => FilePath(".com2.log");
        public string QemuOutputPath => FilePath(".qemu.log");
        public string FirmwareVariablesPath => FilePath(".ovmf-vars.fd");
        public string ScreendumpPath => FilePath(".ppm");

        /// <summary>Unix socket paths are limited to 107 bytes, so the socket lives in the temp directory.</summary>
        public string QmpSocketPath => Path.Combine(Path.GetTempPath(), $"minimalos-{Environment.ProcessId}-{Name}.qmp");

        private string FilePath(string suffix) => Path.Combine(BuildArtifacts.TestLogs, Name + suffix);
    }
}
