// Kernel tests of Backtrace.Capture on a known call chain A -> B -> C: the frames come back in order, named
// by the embedded symbol table, and the walk reaches the kernel's entry point. A, B and C keep work after
// their calls so that the compiler cannot turn them into tail jumps (which leave no frame).
using System;
using System.Runtime.CompilerServices;
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Diagnostics;
using MinimalOS.Kernel.Text;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class BacktraceTests
    {
        private const int Capacity = 32;

        private static int s_calls;

        public static void Register(KernelTestList tests)
        {
            tests.Add("Backtrace.FollowsKnownCallChain", &FollowsKnownCallChain);
            tests.Add("Backtrace.ReachesTheKernelEntry", &ReachesTheKernelEntry);
        }

        private static void FollowsKnownCallChain()
        {
            Span<ulong> frames = stackalloc ulong[Capacity];
            int count = A(frames);
            Expect.True(count >= 4, "C, B, A and the test itself are recorded");
            ExpectFrame(frames[0], "MinimalOS.Kernel.Tests.BacktraceTests::C+", "frame 0 is C");
            ExpectFrame(frames[1], "MinimalOS.Kernel.Tests.BacktraceTests::B+", "frame 1 is B");
            ExpectFrame(frames[2], "MinimalOS.Kernel.Tests.BacktraceTests::A+", "frame 2 is A");
            ExpectFrame(frames[3], "MinimalOS.Kernel.Tests.BacktraceTests::FollowsKnownCallChain+", "frame 3 is the test");
        }

        private static void ReachesTheKernelEntry()
        {
            Span<ulong> frames = stackalloc ulong[Capacity];
            int count = A(frames);
            Expect.True(count > 4 && count < Capacity, "the walk ends by itself");
            ExpectFrame(frames[count - 2], "MinimalOS.Kernel.KernelMain::Start+", "the last managed frame is KernelMain");
            ExpectFrame(frames[count - 1], "_start32.higher_half+", "the walk ends in the boot code that called KernelMain");
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int A(Span<ulong> frames)
        {
            int count = B(frames);
            s_calls++;
            return count;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int B(Span<ulong> frames)
        {
            int count = C(frames);
            s_calls++;
            return count;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int C(Span<ulong> frames)
        {
            int count = Backtrace.Capture(frames);
            s_calls++;
            return count;
        }

        private static void ExpectFrame(ulong returnAddress, string expectedPrefix, string what)
        {
            SymbolTable symbols = KernelDebugInfo.Symbols;
            Span<byte> buffer = stackalloc byte[200];
            var text = new TextWriterSpan(buffer);
            BacktraceFormatter.AppendLocation(ref text, returnAddress, true, in symbols);
            Expect.True(StartsWith(text.Written, expectedPrefix), what);
        }

        private static bool StartsWith(ReadOnlySpan<byte> text, string prefix)
        {
            if (text.Length < prefix.Length)
                return false;
            for (int i = 0; i < prefix.Length; i++)
            {
                if (text[i] != (byte)prefix[i])
                    return false;
            }
            return true;
        }
    }
}
