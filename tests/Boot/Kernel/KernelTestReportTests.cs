// The COM2 report parser accepts a complete run and names every way a run can be incomplete or inconsistent.
using System.Linq;
using Xunit;

namespace MinimalOS.Tests.Boot.Kernel
{
    public sealed class KernelTestReportTests
    {
        [Fact]
        public void ParsesACompleteRun()
        {
            var report = KernelTestReport.Parse(new[]
            {
                "KTEST BEGIN: 2",
                "KTEST PASS Suite.First",
                "KTEST FAIL Suite.Second: Expect.Equal: values differ (expected 1, got 2)",
                "KTEST END: 1 1",
            });
            Assert.Empty(report.Problems);
            Assert.True(report.Find("Suite.First").Passed);
            KernelTestResult second = report.Find("Suite.Second");
            Assert.False(second.Passed);
            Assert.Equal("Expect.Equal: values differ (expected 1, got 2)", second.FailureReason);
        }

        [Fact]
        public void ReportsAMissingEndAfterTheLastTest()
        {
            var report = KernelTestReport.Parse(new[] { "KTEST BEGIN: 3", "KTEST PASS Suite.First" });
            Assert.Contains(report.Problems, problem => problem.Contains("no KTEST END") && problem.Contains("after test Suite.First"));
        }

        [Fact]
        public void ReportsCountsThatDisagree()
        {
            var report = KernelTestReport.Parse(new[] { "KTEST BEGIN: 3", "KTEST PASS A.A", "KTEST PASS A.B", "KTEST END: 1 0" });
            Assert.Contains(report.Problems, problem => problem.Contains("END says 1 passed, 0 failed"));
            Assert.Contains(report.Problems, problem => problem.Contains("announced 3 tests, 2 reported"));
        }

        [Fact]
        public void ReportsGarbageAndDuplicates()
        {
            var report = KernelTestReport.Parse(new[] { "KTEST BEGIN: 2", "KTEST PASS A.A", "KTEST PASS A.A", "noise", "KTEST END: 2 0" });
            Assert.Contains(report.Problems, problem => problem.Contains("reported twice"));
            Assert.Contains(report.Problems, problem => problem.Contains("not a KTEST line"));
            Assert.Single(report.Results, result => result.Name == "A.A");
        }

        [Fact]
        public void IgnoresFirmwareOutputBeforeTheFirstLine()
        {
            var report = KernelTestReport.Parse(new[] { "BdsDxe: loading Boot0001", "\u001b[2J  Booting `MinimalOS'KTEST BEGIN: 1", "KTEST PASS A.A", "KTEST END: 1 0" });
            Assert.Empty(report.Problems);
            Assert.Equal(1, report.AnnouncedCount);
        }

        [Fact]
        public void ReportsAnEmptyResultPort()
        {
            var report = KernelTestReport.Parse(new string[0]);
            Assert.Contains(report.Problems, problem => problem.Contains("no KTEST BEGIN"));
            Assert.Contains(report.Problems, problem => problem.Contains("before the first test finished"));
        }
    }
}
