// Kernel tests of the exception handlers: each test raises a real CPU exception inside a probe and checks
// the first line of the panic report (what the test runner keeps): #DE, #UD, #GP, #PF on an unmapped page,
// on a read-only page and through a null reference (CR2 and the decoded error bits), a stack overflow into
// the boot stack's guard page (reported from the double-fault IST stack), and #BP, which must resume the
// test. Also: an interrupt preserves all sixteen xmm registers.
using System;
using System.Runtime.CompilerServices;
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Arch.X86_64.Interrupts;
using MinimalOS.Kernel.Text;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class CpuExceptionTests
    {
        // Between the stacks area and the kernel image: nothing is ever mapped here.
        private const ulong UnmappedKernelAddress = 0xFFFF_F000_1234_5678;
        private const ulong NonCanonicalAddress = 0x8000_0000_0000_0000;

        private static int s_zero;
        private static ulong s_sink;

        public static void Register(KernelTestList tests)
        {
            tests.Add("CpuException.DivideErrorIsReported", &DivideErrorIsReported);
            tests.Add("CpuException.InvalidOpcodeIsReported", &InvalidOpcodeIsReported);
            tests.Add("CpuException.BreakpointResumes", &BreakpointResumes);
            tests.Add("CpuException.GeneralProtectionIsReported", &GeneralProtectionIsReported);
            tests.Add("CpuException.PageFaultOnUnmappedPageShowsCr2AndBits", &PageFaultOnUnmappedPageShowsCr2AndBits);
            tests.Add("CpuException.PageFaultWritingReadOnlyDataShowsBits", &PageFaultWritingReadOnlyDataShowsBits);
            tests.Add("CpuException.NullDereferenceIsAPageFaultNearZero", &NullDereferenceIsAPageFaultNearZero);
            tests.Add("CpuException.StackOverflowIsReportedOnTheDoubleFaultStack", &StackOverflowIsReportedOnTheDoubleFaultStack);
            tests.Add("CpuException.SseStateSurvivesAnInterrupt", &SseStateSurvivesAnInterrupt);
        }

        private static void DivideErrorIsReported()
        {
            Expect.True(KernelTestRunner.Probe(&DivideByZero) == ProbeOutcome.Panicked, "idiv by zero panics");
            Expect.True(StartsWith(KernelTestRunner.LastFailure, "panic: divide error (#DE) at rip 0x"), "named #DE with its rip");
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void DivideByZero() => s_sink = (ulong)Divide(7, s_zero);

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int Divide(int a, int b) => a / b;

        private static void InvalidOpcodeIsReported()
        {
            Expect.True(KernelTestRunner.Probe(&UndefinedInstruction) == ProbeOutcome.Panicked, "ud2 panics");
            Expect.True(StartsWith(KernelTestRunner.LastFailure, "panic: invalid opcode (#UD) at rip 0x"), "named #UD");
            Expect.False(RuntimeTests.Contains(KernelTestRunner.LastFailure, "error code"), "#UD has no error code");
        }

        // Function pointers go to C# methods: a pointer to an imported extern is not its code address.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void UndefinedInstruction() => Cpu.UndefinedInstruction();

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void Breakpoint() => Cpu.Breakpoint();

        private static void BreakpointResumes()
        {
            ulong before = CpuExceptionHandlers.BreakpointCount;
            Expect.True(KernelTestRunner.Probe(&Breakpoint) == ProbeOutcome.Returned, "int3 returns");
            Cpu.Breakpoint();
            Expect.Equal(before + 2, CpuExceptionHandlers.BreakpointCount, "both breakpoints were taken");
        }

        private static void GeneralProtectionIsReported()
        {
            Expect.True(KernelTestRunner.Probe(&ReadNonCanonical) == ProbeOutcome.Panicked, "a non-canonical load panics");
            Expect.True(StartsWith(KernelTestRunner.LastFailure, "panic: general protection fault (#GP) at rip 0x"), "named #GP");
            Expect.True(RuntimeTests.Contains(KernelTestRunner.LastFailure, ", error code 0x0"), "with its error code");
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ReadNonCanonical() => s_sink = *(ulong*)NonCanonicalAddress;

        private static void PageFaultOnUnmappedPageShowsCr2AndBits()
        {
            Expect.True(KernelTestRunner.Probe(&ReadUnmapped) == ProbeOutcome.Panicked, "reading an unmapped page panics");
            ReadOnlySpan<byte> report = KernelTestRunner.LastFailure;
            Expect.True(StartsWith(report, "panic: page fault (#PF) at rip 0x"), "named #PF");
            Expect.True(ContainsAddress(report, ": cr2 ", UnmappedKernelAddress), "cr2 is the address read");
            Expect.True(RuntimeTests.Contains(report, "(not present, read, supervisor), error code 0x0"), "decoded bits and raw code");
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ReadUnmapped() => s_sink = *(ulong*)UnmappedKernelAddress;

        private static void PageFaultWritingReadOnlyDataShowsBits()
        {
            Expect.True(KernelTestRunner.Probe(&WriteReadOnlyData) == ProbeOutcome.Panicked, "writing rodata panics");
            ReadOnlySpan<byte> report = KernelTestRunner.LastFailure;
            Expect.True(ContainsAddress(report, ": cr2 ", ReadOnlyAddress), "cr2 is the address written");
            Expect.True(RuntimeTests.Contains(report, "(present, write, supervisor), error code 0x3"), "decoded bits and raw code");
        }

        private static ulong ReadOnlyAddress => KernelImageLayout.Current->RodataStart + 8;

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void WriteReadOnlyData() => *(ulong*)ReadOnlyAddress = 0;

        // ilc relies on the page fault for implicit null checks (a field read through null reads near 0).
        private static void NullDereferenceIsAPageFaultNearZero()
        {
            Expect.True(KernelTestRunner.Probe(&ReadThroughNull) == ProbeOutcome.Panicked, "a field read through null panics");
            ReadOnlySpan<byte> report = KernelTestRunner.LastFailure;
            Expect.True(StartsWith(report, "panic: page fault (#PF) at rip 0x"), "named #PF");
            Expect.True(RuntimeTests.Contains(report, ": cr2 0x00000000000000"), "cr2 is a small address");
            Expect.True(RuntimeTests.Contains(report, "(not present, read, supervisor)"), "page 0 is not mapped");
        }

        private sealed class Holder
        {
            public long Value;
        }

        private static Holder s_nullHolder;

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ReadThroughNull() => s_sink = (ulong)s_nullHolder.Value;

        private static void StackOverflowIsReportedOnTheDoubleFaultStack()
        {
            Expect.True(KernelTestRunner.Probe(&Overflow) == ProbeOutcome.Panicked, "unbounded recursion panics");
            ReadOnlySpan<byte> report = KernelTestRunner.LastFailure;
            Expect.True(StartsWith(report, "panic: kernel stack overflow: double fault (#DF) at rip 0x"), "reported by #DF as an overflow");
            Expect.True(ContainsAddress(report, " hit the guard page ", KernelAddressSpace.BootStackGuard.Value), "names the guard page");
            Expect.True(RuntimeTests.Contains(report, " of the boot stack"), "names the stack");
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void Overflow() => s_sink = (ulong)Recurse(0);

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int Recurse(int depth)
        {
            Span<byte> frame = stackalloc byte[256];
            frame[depth & 255] = (byte)depth;
            return Recurse(depth + 1) + frame[(depth * 7) & 255];
        }

        // Every xmm register is caller-saved, so C# code interrupted at any instruction may hold live values in
        // all of them while the handler (C#, using SSE) clobbers them: the stub must restore all sixteen.
        private static void SseStateSurvivesAnInterrupt()
        {
            Expect.True(InterruptVectors.Register(SseTestVector, &ClobberSse), "the test vector is free");
            byte* xmm = stackalloc byte[XmmBytes];
            for (int i = 0; i < XmmBytes; i++)
                xmm[i] = (byte)(i * 7 + 1);
            s_sseHandlerRuns = 0;
            Expect.True(InterruptVectors.RaiseWithXmm(SseTestVector, xmm), "raised");
            InterruptVectors.Unregister(SseTestVector);
            Expect.Equal(1, s_sseHandlerRuns, "the handler ran once");
            for (int i = 0; i < XmmBytes; i++)
            {
                if (xmm[i] != (byte)(i * 7 + 1))
                    Expect.Fail("xmm0-15 come back unchanged");
            }
        }

        private const byte SseTestVector = 0xE1;
        private const int XmmBytes = 16 * 16;
        private static int s_sseHandlerRuns;

        private static void ClobberSse(ref InterruptFrame frame)
        {
            s_sseHandlerRuns++;
            double junk = frame.Vector;
            for (int i = 0; i < 8; i++)
                junk = junk * 1.0001 + i;
            Span<byte> scratch = stackalloc byte[XmmBytes];
            scratch.Fill((byte)junk);
            s_sink = (ulong)junk + scratch[3];
        }

        private static bool StartsWith(ReadOnlySpan<byte> text, string prefix)
            => text.Length >= prefix.Length && RuntimeTests.Contains(text.Slice(0, prefix.Length), prefix);

        // Whether text contains label followed by the address as the panic formats it.
        private static bool ContainsAddress(ReadOnlySpan<byte> text, string label, ulong address)
        {
            Span<byte> buffer = stackalloc byte[64];
            var writer = new TextWriterSpan(buffer);
            writer.Append(label);
            writer.AppendAddress(address);
            ReadOnlySpan<byte> needle = writer.Written;
            for (int start = 0; start + needle.Length <= text.Length; start++)
            {
                if (text.Slice(start, needle.Length).SequenceEqual(needle))
                    return true;
            }
            return false;
        }
    }
}
