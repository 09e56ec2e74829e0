// One boot of the normal kernel with the ring-3 test suite (build/user/usertests.elf) as its root task,
// shared by every xunit case: `wait-roottask exit-on-ready` makes the kernel wait for the suite's thread to
// exit and then end QEMU, with success only when the exit code (the number of failed tests) was 0. The
// suite reports through DebugLog, so its UTEST lines are in the COM1 log as "[time] INFO  user: UTEST ...":
// they are extracted there and parsed by the kernel tests' report parser. Runs at most once (thread-safe);
// a run that times out is recorded and reported by CheckCompleted. Direct boot, four CPUs, TCG.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using MinimalOS.Tests.Boot.Kernel;
using MinimalOS.Tests.Boot.Qemu;
using Xunit;
using Xunit.Sdk;

namespace MinimalOS.Tests.Boot.User
{
    public sealed class UserTestRun
    {
        public const string Tag = "UTEST";
        public const int Cpus = 4;
        public const string RunName = "user-tests-direct-smp4";

        /// <summary>How a DebugLog line appears in the kernel log: subsystem "user" (src/Kernel/Syscalls/DebugLogCall.cs).</summary>
        public const string UserLogMarker = " user: ";

        private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
        private static readonly Lazy<UserTestRun> s_run = new(Execute, LazyThreadSafetyMode.ExecutionAndPublication);

        private UserTestRun(KernelTestReport report, int? exitStatus, string runFailure, SerialLog serial)
        {
            Report = report;
            ExitStatus = exitStatus;
            RunFailure = runFailure;
            Serial = serial;
        }

        public KernelTestReport Report { get; }
        public int? ExitStatus { get; }
        public string RunFailure { get; }
        public SerialLog Serial { get; }

        public static UserTestRun Instance => s_run.Value;

        /// <summary>xunit theory data: the name of every test the suite reported (boots on first use).</summary>
        public static TheoryData<string> TestNames()
        {
            var names = new TheoryData<string>();
            foreach (KernelTestResult result in Instance.Report.Results)
                names.Add(result.Name);
            return names;
        }

        /// <summary>The suite's report lines out of a kernel log: the text of each DebugLog line that starts with the tag.</summary>
        public static IEnumerable<string> ReportLines(IEnumerable<string> log)
        {
            string start = UserLogMarker + Tag + " ";
            foreach (string line in log)
            {
                int at = line.IndexOf(start, StringComparison.Ordinal);
                if (at >= 0)
                    yield return line.Substring(at + UserLogMarker.Length);
            }
        }

        /// <summary>
        /// Fails unless the kernel's heap and free frames were the same after the suite as before it: every
        /// object the suite made (1,000 processes among them) came from untyped memory and went back there.
        /// </summary>
        public void CheckKernelMemoryAtBaseline()
        {
            const string Marker = "roottask: kernel memory across the root task: ";
            string line = Serial.Lines().LastOrDefault(l => l.Contains(Marker, StringComparison.Ordinal));
            if (line is null)
                throw new XunitException($"no \"{Marker}\" line ({RunName})\n{Serial.Tail()}");
            Match figures = Regex.Match(line, @"heap in use (\d+) -> (\d+) bytes, free frames (\d+) -> (\d+)");
            Assert.True(figures.Success, $"malformed kernel memory line: {line}");
            Assert.Equal(figures.Groups[1].Value, figures.Groups[2].Value);
            Assert.Equal(figures.Groups[3].Value, figures.Groups[4].Value);
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
                int expected = failed == 0 ? KernelTestRun.AllPassedStatus : KernelTestRun.SomeFailedStatus;
                if (ExitStatus != expected)
                    problems.Add($"QEMU exit status {ExitStatus}, expected {expected} for {failed} failed test(s) (wait-roottask exit-on-ready)");
                if (!Serial.ContainsLine($"roottask: exited with code {failed}"))
                    problems.Add($"the kernel did not log the suite's exit with code {failed} (its failure count)");
            }
            if (problems.Count != 0)
                throw new XunitException($"user test run ({RunName}) is not sound:\n  - {string.Join("\n  - ", problems)}\n{Serial.Tail()}");
        }

        /// <summary>Fails with the suite's failure reason and the log leading up to it unless the test passed.</summary>
        public void CheckPassed(string name) => Report.CheckPassed(name, "user test", RunName, Serial);

        private static UserTestRun Execute()
        {
            var launch = new QemuLaunch(RunName, BootMethod.Direct, BuildArtifacts.Kernel)
            {
                RootTask = BuildArtifacts.UserTests,
                KernelCommandLine = KernelMarkers.WaitRootTask + " " + KernelMarkers.ExitOnReady,
                Cpus = Cpus,
                Timeout = Timeout,
            };
            using (var qemu = QemuInstance.Start(launch))
            {
                int? status = qemu.WaitForExitOrDeadline(out string failure);
                var report = KernelTestReport.Parse(ReportLines(qemu.Serial.Lines()).ToList(), Tag);
                return new UserTestRun(report, status, failure, qemu.Serial);
            }
        }
    }
}
