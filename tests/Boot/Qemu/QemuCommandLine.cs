// The QEMU command line of a test run: TCG (never KVM), no reboot on a triple fault (QEMU exits instead),
// the isa-debug-exit device through which the kernel reports its outcome, serial ports to files, no
// display; then the boot method's own options; QEMUFLAGS last so that the user can override anything.
using System.Collections.Generic;

namespace MinimalOS.Tests.Boot.Qemu
{
    public static class QemuCommandLine
    {
        public const string Executable = "qemu-system-x86_64";
        public const string OvmfCode = "/usr/share/OVMF/OVMF_CODE_4M.fd";
        public const string OvmfVariablesTemplate = "/usr/share/OVMF/OVMF_VARS_4M.fd";

        /// <summary>The prefix grub.cfg looks for in the SMBIOS OEM string to find the kernel command line.</summary>
        public const string GrubCommandLinePrefix = "minimalos.cmdline=";

        /// <summary>
        /// The last word of the root task's module string, in direct boots as in grub.cfg's module2 line
        /// (QEMU's module string is the whole -initrd value: "&lt;path&gt; roottask").
        /// </summary>
        public const string RootTaskModuleName = "roottask";

        public static List<string> Build(QemuLaunch launch, IReadOnlyList<string> userFlags)
        {
            var arguments = new List<string>
            {
                "-accel", "tcg",
                "-no-reboot",
                "-display", "none",
                "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
            };
            // With serial input COM1 is a pipe chardev: QEMU reads <base>.in (a FIFO the runner creates and
            // types into) and writes <base>.out (a regular file the runner creates: writes never block).
            if (launch.SerialInput)
                arguments.AddRange(new[] { "-chardev", $"pipe,id=com1,path={launch.SerialPipeBase}", "-serial", "chardev:com1" });
            else
                arguments.AddRange(new[] { "-serial", "file:" + launch.SerialLogPath });
            if (launch.Machine is not null)
                arguments.AddRange(new[] { "-machine", launch.Machine });
            if (launch.MemorySize is not null)
                arguments.AddRange(new[] { "-m", launch.MemorySize });
            if (launch.CpuModel is not null)
                arguments.AddRange(new[] { "-cpu", launch.CpuModel });
            if (launch.Cpus > 0)
                arguments.AddRange(new[] { "-smp", launch.Cpus.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            if (launch.ResultsSerial)
                arguments.AddRange(new[] { "-serial", "file:" + launch.ResultsLogPath });
            if (launch.Monitor)
                arguments.AddRange(new[] { "-qmp", $"unix:{launch.QmpSocketPath},server=on,wait=off" });

            if (launch.Boot == BootMethod.Direct)
            {
                arguments.AddRange(new[] { "-kernel", launch.Image, "-initrd", RootTaskModule(launch.RootTask ?? BuildArtifacts.RootTask) });
                if (launch.KernelCommandLine.Length != 0)
                    arguments.AddRange(new[] { "-append", launch.KernelCommandLine });
            }
            else
            {
                arguments.AddRange(new[] { "-cdrom", launch.Image });
                // Always present, even when empty, so that GRUB's lookup finds it. QEMU's option syntax
                // escapes a comma by doubling it.
                arguments.AddRange(new[] { "-smbios", "type=11,value=" + GrubCommandLinePrefix + launch.KernelCommandLine.Replace(",", ",,") });
            }
            if (launch.Boot == BootMethod.IsoUefi)
            {
                arguments.AddRange(new[]
                {
                    "-drive", $"if=pflash,format=raw,unit=0,readonly=on,file={OvmfCode}",
                    "-drive", $"if=pflash,format=raw,unit=1,file={launch.FirmwareVariablesPath}",
                });
            }
            arguments.AddRange(userFlags);
            return arguments;
        }

        /// <summary>The -initrd value loading <paramref name="path"/> as the root task; QEMU splits modules at commas.</summary>
        public static string RootTaskModule(string path)
        {
            if (path.Contains(','))
                throw new System.ArgumentException($"'{path}' contains a comma: QEMU's -initrd would split it", nameof(path));
            return path + " " + RootTaskModuleName;
        }
    }
}
