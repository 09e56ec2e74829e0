// One boot of the test kernel per boot method, shared by every xunit case of that method: the kernel runs
// all its tests in a single boot and each case then checks its own result line. Runs at most once per
// method (thread-safe); a run that times out or crashes is recorded, and reported by CheckCompleted.
// The direct and OVMF boots run with four CPUs and SeaBIOS with one, so the kernel tests always cover both
// an SMP and a uniprocessor machine; the CPU count is in the run's name (its log files) and its messages.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using MinimalOS.Tests.Boot.Qemu;
using Xunit;
using Xunit.Sdk;

namespace MinimalOS.Tests.Boot.Kernel
{
    public sealed class KernelTestRun
    {
        /// <summary>QEMU's status for isa-debug-exit value v is 2v+1: the runner writes 0 (all passed) or 1.</summary>
        public const int AllPassedStatus = 1;
        public const int SomeFailedStatus = 3;

        private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
        private static readonly ConcurrentDictionary<BootMethod, Lazy<KernelTestRun>> s_runs = new();

        private KernelTestRun(BootMethod boot, KernelTestReport report, int? exitStatus, string runFailure, SerialLog serial)
        {
            Boot = boot;
            Report = report;
            ExitStatus = exitStatus;
            RunFailure = runFailure;
            Serial = serial;
        }

        public BootMethod Boot { get; }
        public KernelTestReport Report { get; }
        public int? ExitStatus { get; }
        public string RunFailure { get; }
        public SerialLog Serial { get; }

        /// <summary>QEMU's -smp for the kernel-test boot of <paramref name="boot"/>.</summary>
        public static int CpusFor(BootMethod boot) => boot == BootMethod.IsoBios ? 1 : 4;

        /// <summary>
        /// QEMU's -cpu for the kernel-test boot of <paramref name="boot"/> (null: QEMU's default qemu64). The UEFI
        /// run uses "max", so the XSAVE/AVX, SMEP/SMAP paths are tested as well as qemu64's FXSAVE path.
        /// </summary>
        public static string CpuModelFor(BootMethod boot) => boot == BootMethod.IsoUefi ? "max" : null;

        /// <summary>The run's name: boot method, CPU count and model, e.g. kernel-tests-direct-smp4.</summary>
        public static string RunName(BootMethod boot) =>
            $"kernel-tests-{boot.Slug()}-smp{CpusFor(boot)}" + (CpuModelFor(boot) is string model ? "-cpu-" + model : "");

        public static KernelTestRun For(BootMethod boot) =>
            s_runs.GetOrAdd(boot, key => new Lazy<KernelTestRun>(() => Execute(key), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

        /// <summary>xunit theory data: the name of every test the kernel reported (runs the kernel on first use).</summary>
        public static TheoryData<string> TestNames(BootMethod boot)
        {
            var names = new TheoryData<string>();
            foreach (KernelTestResult result in For(boot).Report.Results)
                names.Add(result.Name);
            return names;
        }

        /// <summary>Fails unless the run finished, its report is complete and consistent, and QEMU's status agrees.</summary>
        public void CheckCompleted()
        {
            var problems = new List<string>();
            if (RunFailure is not null)
                problems.Add(RunFailure);
            problems.AddRange(Report.Problems);
            if (RunFailure is null && Report.EndFailed is int failed)
            {
                int expected = failed == 0 ? AllPassedStatus : SomeFailedStatus;
                if (ExitStatus != expected)
                    problems.Add($"QEMU exit status {ExitStatus}, expected {expected} for {failed} failed test(s)");
            }
            if (problems.Count != 0)
                throw new XunitException($"kernel test run ({RunName(Boot)}) is not sound:\n  - {string.Join("\n  - ", problems)}\n{Serial.Tail()}");
        }

        /// <summary>Fails with the kernel's failure reason and the log leading up to it unless the test passed.</summary>
        public void CheckPassed(string name) => Report.CheckPassed(name, "kernel test", RunName(Boot), Serial);

        private static KernelTestRun Execute(BootMethod boot)
        {
            var launch = new QemuLaunch(RunName(boot), boot, BuildArtifacts.Image(boot, testKernel: true))
            {
                Cpus = CpusFor(boot),
                CpuModel = CpuModelFor(boot),
                ResultsSerial = true,
                Timeout = Timeout,
            };
            using (var qemu = QemuInstance.Start(launch))
            {
                int? status = qemu.WaitForExitOrDeadline(out string failure);
                return new KernelTestRun(boot, KernelTestReport.Parse(qemu.Results.Lines()), status, failure, qemu.Serial);
            }
        }
    }
}
