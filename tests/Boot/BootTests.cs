// MinimalOS boots to "MinimalOS ready" by every boot method, lists the root task among its boot modules,
// and with `exit-on-ready` on its command line ends QEMU itself with status 1 (so a boot test never waits
// for a timeout). It also boots with the smallest and a large memory size (64 MiB; 8 GiB, which puts RAM
// above 4 GiB and a hole below it) and logs its physical memory summary. It boots on several CPU models
// with one and four CPUs, and a deliberate panic (after-ready=panic) with four CPUs stops the other three
// before the report.
using System;
using System.Linq;
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
            string rootTaskLine = KernelMarkers.ModuleString;
            Assert.True(qemu.Serial.Lines().Any(line => line.Contains(rootTaskLine) && line.EndsWith(QemuCommandLine.RootTaskModuleName + "\"", StringComparison.Ordinal)),
                $"the kernel did not list the root task as a boot module (a line with {rootTaskLine}...{QemuCommandLine.RootTaskModuleName}\").\n{qemu.Diagnostics()}");
        }

        [Theory]
        [InlineData("64M", "63 MiB usable")]
        [InlineData("8G", "8191 MiB usable")]
        public void ManagesEveryMemorySize(string memorySize, string usableSummary)
        {
            var launch = new QemuLaunch("boot-memory-" + memorySize, BootMethod.Direct, BuildArtifacts.Image(BootMethod.Direct, testKernel: false))
            {
                KernelCommandLine = KernelMarkers.ExitOnReady,
                MemorySize = memorySize,
            };
            using var qemu = QemuInstance.Start(launch);
            int status = qemu.WaitForExit();

            Assert.True(qemu.Serial.ContainsLine(KernelMarkers.Ready),
                $"no \"{KernelMarkers.Ready}\" line with -m {memorySize} (QEMU exit status {status}).\n{qemu.Diagnostics()}");
            Assert.True(qemu.Serial.ContainsLine(usableSummary),
                $"no physical memory summary saying \"{usableSummary}\" with -m {memorySize}.\n{qemu.Diagnostics()}");
            Assert.Equal(KernelMarkers.ExitOnReadyStatus, status);
        }

        // The kernel must boot on the reference CPU's generation (Nehalem-class: no SMEP/SMAP, no x2APIC, no
        // XSAVE), the plain qemu64 model and QEMU's "max" (XSAVE and AVX under TCG since QEMU 7.2), with one CPU
        // and with four, log the FPU state mechanism it chose, and log every CPU online.
        [Theory]
        [InlineData("qemu64", 1, KernelMarkers.FpuWithFxsave)]
        [InlineData("qemu64", 4, KernelMarkers.FpuWithFxsave)]
        [InlineData("Nehalem", 1, KernelMarkers.FpuWithFxsave)]
        [InlineData("Nehalem", 4, KernelMarkers.FpuWithFxsave)]
        [InlineData("max", 1, KernelMarkers.FpuWithXsaveAndAvx)]
        [InlineData("max", 4, KernelMarkers.FpuWithXsaveAndAvx)]
        public void BootsOnEveryCpuModel(string cpuModel, int cpus, string fpuMechanism)
        {
            var launch = new QemuLaunch($"boot-cpu-{cpuModel}-smp{cpus}", BootMethod.Direct, BuildArtifacts.Image(BootMethod.Direct, testKernel: false))
            {
                KernelCommandLine = KernelMarkers.ExitOnReady,
                CpuModel = cpuModel,
                Cpus = cpus,
            };
            using var qemu = QemuInstance.Start(launch);
            int status = qemu.WaitForExit();

            Assert.True(qemu.Serial.ContainsLine(KernelMarkers.Ready),
                $"no \"{KernelMarkers.Ready}\" line with -cpu {cpuModel} -smp {cpus} (QEMU exit status {status}).\n{qemu.Diagnostics()}");
            Assert.False(qemu.Serial.ContainsLine(" ERROR "), $"an error was logged with -cpu {cpuModel} -smp {cpus}.\n{qemu.Diagnostics()}");
            Assert.True(qemu.Serial.ContainsLine(fpuMechanism),
                $"no FPU state line containing \"{fpuMechanism}\" with -cpu {cpuModel}.\n{qemu.Diagnostics()}");
            Assert.True(qemu.Serial.ContainsLine($"smp: {cpus} of {cpus} CPUs online"),
                $"the log does not say all {cpus} CPUs came online with -cpu {cpuModel}.\n{qemu.Diagnostics()}");
            for (int cpu = 1; cpu < cpus; cpu++)
                Assert.True(qemu.Serial.ContainsLine($"smp: CPU {cpu} online: APIC id {cpu},"), $"no online line for CPU {cpu} with -cpu {cpuModel}.\n{qemu.Diagnostics()}");
            Assert.Equal(KernelMarkers.ExitOnReadyStatus, status);
        }

        // A panic on one CPU stops every other CPU with an NMI before the report is written, and says so.
        [Fact]
        public void PanicStopsEveryOtherCpu()
        {
            var launch = new QemuLaunch("panic-smp4", BootMethod.Direct, BuildArtifacts.Image(BootMethod.Direct, testKernel: false))
            {
                KernelCommandLine = KernelMarkers.AfterReadyPanic,
                Cpus = 4,
            };
            using var qemu = QemuInstance.Start(launch);
            qemu.WaitForSerialLine("other CPUs: ");
            Assert.True(qemu.Serial.ContainsLine(KernelMarkers.DeliberatePanic), $"no panic report for the deliberate panic.\n{qemu.Diagnostics()}");
            Assert.True(qemu.Serial.ContainsLine("other CPUs: 3 of 3 stopped by NMI"), $"the other three CPUs were not all stopped.\n{qemu.Diagnostics()}");
        }
    }
}
