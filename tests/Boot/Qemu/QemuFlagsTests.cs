// QEMUFLAGS is split like a shell splits a simple command, and the command line puts it last.
using System;
using System.Linq;
using Xunit;

namespace MinimalOS.Tests.Boot.Qemu
{
    public sealed class QemuFlagsTests
    {
        [Fact]
        public void SplitsOnBlanksAndKeepsQuotedText()
        {
            Assert.Equal(new[] { "-m", "512M", "-d", "int,cpu_reset", "-name", "a b", "it's" },
                QemuFlags.Split("  -m 512M\t-d int,cpu_reset -name \"a b\" 'it'\\''s' "));
        }

        [Fact]
        public void EmptyFlagsGiveNoArguments() => Assert.Empty(QemuFlags.Split("   "));

        [Fact]
        public void KeepsAnEmptyQuotedArgument() => Assert.Equal(new[] { "-append", "" }, QemuFlags.Split("-append ''"));

        [Fact]
        public void RejectsAnUnterminatedQuote() => Assert.Throws<ArgumentException>(() => QemuFlags.Split("-name \"oops"));

        [Fact]
        public void UserFlagsComeLastAndTheBaseIsAlwaysThere()
        {
            var launch = new QemuLaunch("flags-check", BootMethod.IsoUefi, "/x.iso") { KernelCommandLine = "a=1,2" };
            var arguments = QemuCommandLine.Build(launch, new[] { "-m", "1G" });
            Assert.Equal(new[] { "-m", "1G" }, arguments.TakeLast(2));
            Assert.Contains("tcg", arguments);
            Assert.Contains("-no-reboot", arguments);
            Assert.Contains("isa-debug-exit,iobase=0xf4,iosize=0x04", arguments);
            Assert.Contains("type=11,value=minimalos.cmdline=a=1,,2", arguments);
            Assert.Contains(arguments, argument => argument.Contains("OVMF_CODE_4M.fd") && argument.Contains("readonly=on"));
        }

        [Fact]
        public void DirectBootLoadsTheRootTaskAsAModuleAndIsoBootsDoNot()
        {
            var direct = QemuCommandLine.Build(new QemuLaunch("flags-direct", BootMethod.Direct, "/k.elf"), new string[0]);
            int initrd = direct.IndexOf("-initrd");
            Assert.True(initrd > 0, "no -initrd in a direct boot");
            Assert.Equal(BuildArtifacts.RootTask + " roottask", direct[initrd + 1]);
            Assert.DoesNotContain("-initrd", QemuCommandLine.Build(new QemuLaunch("flags-iso", BootMethod.IsoBios, "/x.iso"), new string[0]));
        }

        [Fact]
        public void DirectBootLoadsAnotherRootTaskWhenOneIsNamed()
        {
            var launch = new QemuLaunch("flags-other-root", BootMethod.Direct, "/k.elf") { RootTask = "/user/fuzzer.elf" };
            var arguments = QemuCommandLine.Build(launch, new string[0]);
            Assert.Equal("/user/fuzzer.elf roottask", arguments[arguments.IndexOf("-initrd") + 1]);
        }

        [Fact]
        public void RootTaskPathWithACommaIsRefused() => Assert.Throws<ArgumentException>(() => QemuCommandLine.RootTaskModule("/a,b/roottask.elf"));

        [Fact]
        public void CpuModelAndCountBecomeDashCpuAndDashSmpBeforeUserFlags()
        {
            var launch = new QemuLaunch("flags-cpu", BootMethod.Direct, "/k.elf") { CpuModel = "Nehalem", Cpus = 4 };
            var arguments = QemuCommandLine.Build(launch, new[] { "-smp", "2" });
            int model = arguments.IndexOf("Nehalem");
            Assert.True(model > 0 && arguments[model - 1] == "-cpu");
            int count = arguments.IndexOf("4");
            Assert.True(count > 0 && arguments[count - 1] == "-smp");
            Assert.Equal(new[] { "-smp", "2" }, arguments.TakeLast(2));
            var defaults = QemuCommandLine.Build(new QemuLaunch("flags-cpu-default", BootMethod.Direct, "/k.elf"), new string[0]);
            Assert.DoesNotContain("-cpu", defaults);
            Assert.DoesNotContain("-smp", defaults);
        }

        [Fact]
        public void MemorySizeBecomesDashMBeforeUserFlags()
        {
            var launch = new QemuLaunch("flags-memory", BootMethod.Direct, "/k.elf") { MemorySize = "8G" };
            var arguments = QemuCommandLine.Build(launch, new[] { "-m", "1G" });
            int index = arguments.IndexOf("8G");
            Assert.True(index > 0 && arguments[index - 1] == "-m");
            Assert.Equal(new[] { "-m", "1G" }, arguments.TakeLast(2));
            Assert.DoesNotContain("-m", QemuCommandLine.Build(new QemuLaunch("flags-default", BootMethod.Direct, "/k.elf"), new string[0]));
        }
    }
}
