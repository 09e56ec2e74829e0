// Runs every registered kernel test inside QEMU and reports each result on COM2, one line per event, so
// that results never mix with the log on COM1:
//   KTEST BEGIN: <count>
//   KTEST PASS <name>
//   KTEST FAIL <name>: <reason>
//   KTEST END: <passed> <failed>
// then exits QEMU (isa-debug-exit) with success only if every test passed. A failed Expect or a panic
// inside a test resumes the runner at the test's saved point; the test's remaining frames are abandoned.
using System;
using System.Runtime.CompilerServices;
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Devices;
using MinimalOS.Kernel.Diagnostics;
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.Text;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class KernelTestRunner
    {
        private const int FailureCapacity = 200;

        private static ResumePoint s_testResumePoint;
        private static ResumePoint s_probeResumePoint;
        private static bool s_inTest;
        private static ulong s_testStarted;
        // Slower tests are named in the log, so that the slow part of a run is easy to find.
        private const ulong SlowTestNanoseconds = 500_000_000;
        private static bool s_probing;
        private static ProbeOutcome s_probeOutcome;
        private static FailureText s_failure;
        private static Serial16550 s_results;
        private static int s_passed;
        private static int s_failed;

        private struct FailureText
        {
            public fixed byte Bytes[FailureCapacity];
            public int Length;
        }

        /// <summary>The text of the last captured failure or panic (for tests of the panic path).</summary>
        public static ReadOnlySpan<byte> LastFailure
        {
            get
            {
                fixed (byte* bytes = s_failure.Bytes)
                    return new ReadOnlySpan<byte>(bytes, s_failure.Length);
            }
        }

        public static void RunAll()
        {
            s_results = new Serial16550(Serial16550.Com2);
            s_results.Initialize();
            var tests = new KernelTestList();
            KernelTestCatalog.RegisterAll(tests);
            Panic.SetInterceptor(&OnPanic);

            Span<byte> counts = stackalloc byte[24];
            Report("BEGIN", null, Counts(counts, tests.Count, -1));
            for (int i = 0; i < tests.Count; i++)
                RunOne(tests[i]);
            Report("END", null, Counts(counts, s_passed, s_failed));
            Log.Info("ktest", $"{s_passed} passed, {s_failed} failed");
            QemuDebugExit.Exit(s_failed == 0 ? QemuDebugExit.Success : QemuDebugExit.Failure);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void RunOne(KernelTest test)
        {
            s_failure.Length = 0;
            s_testStarted = TscClock.Nanoseconds();
            ResumePoint* resume = (ResumePoint*)Unsafe.AsPointer(ref s_testResumePoint);
            if (ResumePoint.Save(resume) == 0)
            {
                s_inTest = true;
                test.Body();
                s_inTest = false;
                s_passed++;
                Report("PASS", test.Name, default);
                ulong elapsed = TscClock.Nanoseconds() - s_testStarted;
                if (elapsed > SlowTestNanoseconds)
                    Log.Info("ktest", $"{test.Name} took {elapsed / 1_000_000} ms");
            }
            else
            {
                s_inTest = false;
                s_failed++;
                Report("FAIL", test.Name, LastFailure);
                Log.Error("ktest", $"{test.Name} failed");
            }
        }

        /// <summary>
        /// Runs <paramref name="body"/> inside the current test and reports how it ended: returned, failed an
        /// expectation, or panicked. After a failure or panic, LastFailure holds its text. This is how tests
        /// check the panic path and the framework checks itself.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static ProbeOutcome Probe(delegate*<void> body)
        {
            s_failure.Length = 0;
            ResumePoint* resume = (ResumePoint*)Unsafe.AsPointer(ref s_probeResumePoint);
            if (ResumePoint.Save(resume) == 0)
            {
                s_probing = true;
                body();
                s_probing = false;
                return ProbeOutcome.Returned;
            }
            s_probing = false;
            return s_probeOutcome;
        }

        public static void FailCurrentTest(string what, string reason)
        {
            var message = new LogMessage(0, 0);
            FailCurrentTest(what, reason, ref message);
        }

        public static void FailCurrentTest(string what, string reason, ref LogMessage detail)
        {
            fixed (byte* bytes = s_failure.Bytes)
            {
                var writer = new TextWriterSpan(new Span<byte>(bytes, FailureCapacity));
                writer.Append(what);
                writer.Append(": ");
                writer.Append(reason);
                if (detail.Text.Length != 0)
                {
                    writer.Append(" (");
                    writer.Append(detail.Text);
                    writer.Append((byte)')');
                }
                s_failure.Length = writer.Length;
            }
            Abandon(ProbeOutcome.FailedExpectation);
        }

        private static void OnPanic(ReadOnlySpan<byte> text, CpuRegisters* registers)
        {
            if (!s_inTest)
                return;
            // An expected panic (probed) stays quiet; an unexpected one gets its full report in the log.
            if (!s_probing)
                Panic.WriteReport(text, in *registers, &LogReportLine);
            fixed (byte* bytes = s_failure.Bytes)
            {
                var writer = new TextWriterSpan(new Span<byte>(bytes, FailureCapacity));
                writer.Append("panic: ");
                writer.Append(text);
                s_failure.Length = writer.Length;
            }
            Abandon(ProbeOutcome.Panicked);
        }

        private static void LogReportLine(ReadOnlySpan<byte> line) => Log.Write(LogLevel.Error, "ktest", line);

        // Leaves the running probe or test for its saved point.
        private static void Abandon(ProbeOutcome outcome)
        {
            if (s_probing)
            {
                s_probeOutcome = outcome;
                ResumePoint.Resume((ResumePoint*)Unsafe.AsPointer(ref s_probeResumePoint));
            }
            if (!s_inTest)
                Panic.Halt("test assertion failed outside a running test");
            ResumePoint.Resume((ResumePoint*)Unsafe.AsPointer(ref s_testResumePoint));
        }

        private static void Report(string tag, string name, ReadOnlySpan<byte> detail)
        {
            Span<byte> line = stackalloc byte[LogMessage.Capacity + 120];
            var writer = new TextWriterSpan(line.Slice(0, line.Length - 1));
            writer.Append("KTEST ");
            writer.Append(tag);
            if (name is not null)
            {
                writer.Append((byte)' ');
                writer.Append(name);
            }
            if (detail.Length != 0)
            {
                writer.Append(": ");
                writer.Append(detail);
            }
            int length = writer.Length;
            // One line per result: a line break inside a failure message would split it.
            for (int i = 0; i < length; i++)
            {
                if (line[i] == (byte)'\n' || line[i] == (byte)'\r')
                    line[i] = (byte)' ';
            }
            line[length] = (byte)'\n';
            s_results.Write(line.Slice(0, length + 1));
        }

        private static ReadOnlySpan<byte> Counts(Span<byte> buffer, int first, int second)
        {
            var writer = new TextWriterSpan(buffer);
            writer.AppendDecimal((ulong)first);
            if (second >= 0)
            {
                writer.Append((byte)' ');
                writer.AppendDecimal((ulong)second);
            }
            return buffer.Slice(0, writer.Length);
        }
    }

    internal enum ProbeOutcome
    {
        Returned,
        FailedExpectation,
        Panicked,
    }
}
