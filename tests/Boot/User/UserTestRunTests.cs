// The suite's report is found among the other lines of the kernel log (COM1), wherever it interleaves
// with them, and parsed with the UTEST tag; KTEST lines and other subsystems' text are not taken for it.
using System.Linq;
using MinimalOS.Tests.Boot.Kernel;
using Xunit;

namespace MinimalOS.Tests.Boot.User
{
    public sealed class UserTestRunTests
    {
        [Fact]
        public void ExtractsTheSuiteLinesFromTheKernelLog()
        {
            string[] log =
            {
                "[    0.35] INFO  roottask: started: entry 0x400000",
                "[    0.36] INFO  user: UTEST BEGIN: 2",
                "[    0.37] INFO  user: UTEST PASS Cap.Copy",
                "[    0.38] WARN  user: thread 76 stopped: page fault (#PF) at rip 0x401073",
                "[    0.39] INFO  other: UTEST PASS Not.Mine",
                "[    0.40] INFO  user: UTEST FAIL Thread.Start: ThreadStart: expected None, got Range",
                "[    0.41] INFO  user: UTEST END: 1 1",
            };
            var report = KernelTestReport.Parse(UserTestRun.ReportLines(log).ToList(), UserTestRun.Tag);
            Assert.Empty(report.Problems);
            Assert.Equal(2, report.Results.Count);
            Assert.True(report.Find("Cap.Copy").Passed);
            Assert.Equal("ThreadStart: expected None, got Range", report.Find("Thread.Start").FailureReason);
        }

        [Fact]
        public void ReportsAKernelTagLineAsForeign()
        {
            var report = KernelTestReport.Parse(new[] { "UTEST BEGIN: 1", "KTEST PASS A.A", "UTEST END: 0 0" }, UserTestRun.Tag);
            Assert.Contains(report.Problems, problem => problem.Contains("not a UTEST line"));
            Assert.Contains(report.Problems, problem => problem.Contains("UTEST BEGIN announced 1 tests, 0 reported"));
        }

        [Fact]
        public void ReportsASuiteThatNeverStarted()
        {
            var report = KernelTestReport.Parse(UserTestRun.ReportLines(new[] { "[ 0.1] INFO  roottask: not started" }).ToList(), UserTestRun.Tag);
            Assert.Contains(report.Problems, problem => problem.Contains("no UTEST BEGIN line"));
        }
    }
}
