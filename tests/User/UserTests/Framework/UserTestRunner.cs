// Runs every registered ring-3 test and reports through DebugLog, one kernel-log line per event:
//   UTEST BEGIN: <count> / UTEST PASS <name> / UTEST FAIL <name>: <reason> / UTEST END: <passed> <failed>
// (tests/Boot reads them from COM1). Tests are static methods registered by name (no reflection); a
// failed check resumes the runner at the test's saved point, and every test is followed by the
// environment's cleanup, whose failure fails that test. Runs on the root task's only runner thread.
using System;
using MinimalOS.Abi;
using MinimalOS.User.Runtime;

namespace MinimalOS.Tests.User.Framework
{
    internal static unsafe class UserTestRunner
    {
        private const int MaxTests = 192;
        private const ulong RateLimitWaitNanoseconds = 5_000_000_000;

        private struct Test
        {
            public string Name;
            public delegate*<void> Body;
        }

        private static Test[] s_tests;
        private static int s_count;
        private static ResumePoint s_resume;
        private static ReportText s_failure;
        private static bool s_inTest;

        /// <summary>Registers a test; names are "Suite.Test" and must be unique.</summary>
        public static void Add(string name, delegate*<void> body)
        {
            if (s_tests == null)
                s_tests = new Test[MaxTests];
            if (s_count == MaxTests)
                Environment.FailFast("usertests: more tests than UserTestRunner.MaxTests");
            s_tests[s_count].Name = name;
            s_tests[s_count].Body = body;
            s_count++;
        }

        /// <summary>Runs every test; the number that failed. <paramref name="setupFailure"/> fails them all without running.</summary>
        public static ulong RunAll(string setupFailure)
        {
            Report("BEGIN: ", null, default, (ulong)s_count, ulong.MaxValue);
            ulong passed = 0, failed = 0;
            for (int i = 0; i < s_count; i++)
            {
                bool ok = setupFailure == null ? RunOne(i) : FailWithout(setupFailure);
                if (ok)
                {
                    passed++;
                    Report("PASS ", s_tests[i].Name, default, 0, ulong.MaxValue);
                }
                else
                {
                    failed++;
                    Report("FAIL ", s_tests[i].Name, s_failure.Bytes, 0, ulong.MaxValue);
                }
            }
            Report("END: ", null, default, passed, failed);
            return failed;
        }

        /// <summary>Starts the failure text of the running test with "<paramref name="what"/>: ".</summary>
        public static ref ReportText BeginFailure(string what)
        {
            s_failure.Clear();
            s_failure.Append(what);
            s_failure.Append(": ");
            return ref s_failure;
        }

        /// <summary>Leaves the running test for the runner (after BeginFailure).</summary>
        public static void AbandonTest()
        {
            if (!s_inTest)
                Environment.FailFast("usertests: a check failed outside a test");
            fixed (ResumePoint* resume = &s_resume)
                ResumePoint.Resume(resume);
        }

        private static bool RunOne(int index)
        {
            s_failure.Clear();
            TestEnvironment.BeginTest(index);
            bool passed = RunBody(s_tests[index].Body);
            var problem = new ReportText();
            bool clean = TestEnvironment.Cleanup(ref problem);
            if (passed && !clean)
            {
                s_failure = problem;
                return false;
            }
            return passed;
        }

        private static bool RunBody(delegate*<void> body)
        {
            fixed (ResumePoint* resume = &s_resume)
            {
                if (ResumePoint.Save(resume) != 0)
                {
                    s_inTest = false;
                    return false;
                }
            }
            s_inTest = true;
            body();
            s_inTest = false;
            return true;
        }

        private static bool FailWithout(string setupFailure)
        {
            BeginFailure("setup").Append(setupFailure);
            return false;
        }

        // One line: "UTEST " tag [name] [": " detail] [counts]. A line the rate limit refused is sent again.
        private static void Report(string tag, string name, ReadOnlySpan<byte> detail, ulong first, ulong second)
        {
            var line = new ReportText();
            line.Append("UTEST ");
            line.Append(tag);
            if (name != null)
                line.Append(name);
            if (detail.Length != 0)
            {
                line.Append(": ");
                line.Append(detail);
            }
            if (name == null)
            {
                line.AppendDecimal(first);
                if (second != ulong.MaxValue)
                {
                    line.Append(' ');
                    line.AppendDecimal(second);
                }
            }
            Syscalls.ClockMonotonic(out ulong start);
            while (Syscalls.DebugLog(TestEnvironment.DebugLog, line.Bytes) == SyscallError.RateLimited)
            {
                Syscalls.ClockMonotonic(out ulong now);
                if (now - start > RateLimitWaitNanoseconds)
                    break;
                Syscalls.Yield();
            }
        }
    }
}
