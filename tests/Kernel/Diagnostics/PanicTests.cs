// Kernel tests of what a panic says: the message the test runner's interceptor receives (the reason given
// to Halt; for an unhandled exception its type, found through its MethodTable, and its message), and the
// full report - registers and symbolized backtrace - written to a capture buffer instead of the log.
using System;
using System.Runtime.CompilerServices;
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Diagnostics;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class PanicTests
    {
        private const int ReportCapacity = 4096;

        private static ReportText s_report;

        private struct ReportText
        {
            public fixed byte Bytes[ReportCapacity];
            public int Length;
        }

        public static void Register(KernelTestList tests)
        {
            tests.Add("Panic.MessageCarriesTheReason", &MessageCarriesTheReason);
            tests.Add("Panic.KernelExceptionTypesAreNamed", &KernelExceptionTypesAreNamed);
            tests.Add("Panic.ReportShowsCallerStateAndBacktrace", &ReportShowsCallerStateAndBacktrace);
            tests.Add("Panic.ReportOfATrapFrameShowsEveryRegister", &ReportOfATrapFrameShowsEveryRegister);
        }

        private static void MessageCarriesTheReason()
        {
            Expect.True(KernelTestRunner.Probe(&HaltWithReason) == ProbeOutcome.Panicked, "Halt panics");
            Expect.True(RuntimeTests.Contains(KernelTestRunner.LastFailure, "panic: deliberate test panic 7"), "the reason is the message");
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void HaltWithReason() => Panic.Halt("deliberate test panic 7");

        private static void KernelExceptionTypesAreNamed()
        {
            Expect.True(KernelTestRunner.Probe(&ThrowKernelException) == ProbeOutcome.Panicked, "throw panics");
            Expect.True(RuntimeTests.Contains(KernelTestRunner.LastFailure,
                "unhandled exception MinimalOS.Kernel.Tests.PanicTests.TestFailureException: from a kernel type"),
                "the kernel-defined type is named with its message");
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ThrowKernelException() => throw new TestFailureException("from a kernel type");

        private sealed class TestFailureException : Exception
        {
            public TestFailureException(string message) : base(message) { }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ReportShowsCallerStateAndBacktrace()
        {
            CpuRegisters registers = default;
            CpuRegisters.Capture(&registers);
            ReadOnlySpan<byte> report = CaptureReport("report of a test", in registers);
            Expect.True(RuntimeTests.Contains(report, "report of a test\n"), "the message comes first");
            Expect.True(RuntimeTests.Contains(report,
                "cpu state at the call to panic: rip 0x"), "the state is labelled as taken at a call");
            Expect.True(RuntimeTests.Contains(report,
                "MinimalOS.Kernel.Tests.PanicTests::ReportShowsCallerStateAndBacktrace+0x"), "rip is named");
            Expect.True(RuntimeTests.Contains(report, "rsp 0x") && RuntimeTests.Contains(report, "r15 0x")
                && RuntimeTests.Contains(report, "cr3 0x"), "callee-saved and control registers are shown");
            Expect.False(RuntimeTests.Contains(report, "rax 0x"), "caller-saved registers are not shown for a call");
            Expect.True(RuntimeTests.Contains(report, "backtrace:\n  #0 0x"), "the backtrace follows");
            Expect.True(RuntimeTests.Contains(report, "MinimalOS.Kernel.Tests.KernelTestRunner::RunOne+0x"), "callers are named");
            Expect.False(RuntimeTests.Contains(report, "??"), "every frame has a name");
        }

        private static void ReportOfATrapFrameShowsEveryRegister()
        {
            CpuRegisters registers = default;
            CpuRegisters.Capture(&registers);
            registers.IsTrapFrame = true;
            registers.Rax = 0xA1A2A3A4;
            registers.R11 = 0xB1B2B3B4;
            ReadOnlySpan<byte> report = CaptureReport("trap", in registers);
            Expect.True(RuntimeTests.Contains(report, "cpu state at the trap: rip 0x"), "the state is labelled as a trap");
            Expect.True(RuntimeTests.Contains(report, "rax 0x00000000a1a2a3a4"), "rax is shown");
            Expect.True(RuntimeTests.Contains(report, "r11 0x00000000b1b2b3b4"), "r11 is shown");
        }

        private static ReadOnlySpan<byte> CaptureReport(string message, in CpuRegisters registers)
        {
            s_report.Length = 0;
            Span<byte> text = stackalloc byte[64];
            int length = 0;
            foreach (char c in message)
                text[length++] = (byte)c;
            Panic.WriteReport(text.Slice(0, length), in registers, &AppendLine);
            fixed (byte* bytes = s_report.Bytes)
                return new ReadOnlySpan<byte>(bytes, s_report.Length);
        }

        private static void AppendLine(ReadOnlySpan<byte> line)
        {
            fixed (byte* bytes = s_report.Bytes)
            {
                var report = new Span<byte>(bytes, ReportCapacity);
                foreach (byte b in line)
                {
                    if (s_report.Length < ReportCapacity)
                        report[s_report.Length++] = b;
                }
                if (s_report.Length < ReportCapacity)
                    report[s_report.Length++] = (byte)'\n';
            }
        }
    }
}
