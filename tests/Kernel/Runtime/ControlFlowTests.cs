// Kernel tests of the normal (non-throwing) path of try/finally, using and iterators (whose finally
// runs when the loop ends or breaks), and of checked arithmetic: overflow ends in an OverflowException
// panic. Integer division by zero is deliberately not tested: ilc emits a bare idiv on x64 (no explicit
// check), so it raises the CPU's #DE fault, which needs the kernel's exception handlers (interrupts
// issue) to become a DivideByZeroException.
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class ControlFlowTests
    {
        public static void Register(KernelTestList tests)
        {
            tests.Add("ControlFlow.FinallyRunsOnNormalExit", &FinallyRunsOnNormalExit);
            tests.Add("ControlFlow.FinallyRunsOnEarlyReturn", &FinallyRunsOnEarlyReturn);
            tests.Add("ControlFlow.UsingCallsDispose", &UsingCallsDispose);
            tests.Add("ControlFlow.CheckedOverflowPanics", &CheckedOverflowPanics);
            tests.Add("ControlFlow.UncheckedArithmeticWraps", &UncheckedArithmeticWraps);
            tests.Add("ControlFlow.IntegerDivision", &IntegerDivision);
            tests.Add("ControlFlow.Iterators", &Iterators);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int Opaque(int value) => value;

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static long Opaque(long value) => value;

        private static int s_finallyRuns;

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int Guarded(int value)
        {
            try
            {
                value *= 2;
            }
            finally
            {
                s_finallyRuns++;
            }
            return value;
        }

        private static void FinallyRunsOnNormalExit()
        {
            int before = s_finallyRuns;
            Expect.Equal(14, Guarded(7), "try body result");
            Expect.Equal(before + 1, s_finallyRuns, "finally ran once");
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int ReturnFromTry(int value, ref int log)
        {
            try
            {
                if (value > 0)
                    return value;
                log += 10;
            }
            finally
            {
                log += 1;
            }
            return -1;
        }

        private static void FinallyRunsOnEarlyReturn()
        {
            int log = 0;
            Expect.Equal(5, ReturnFromTry(5, ref log), "early return value");
            Expect.Equal(1, log, "finally ran on the early return");
            Expect.Equal(-1, ReturnFromTry(-5, ref log), "fall-through value");
            Expect.Equal(12, log, "finally ran after the body");
        }

        private sealed class Resource : IDisposable
        {
            public int Disposals;
            public void Dispose() => Disposals++;
        }

        private struct StructResource : IDisposable
        {
            public int* Disposals;
            public void Dispose() => (*Disposals)++;
        }

        private static void UsingCallsDispose()
        {
            var resource = new Resource();
            using (resource)
            {
                Expect.Equal(0, resource.Disposals, "not disposed inside the block");
            }
            Expect.Equal(1, resource.Disposals, "disposed at the end of the block");
            int disposals = 0;
            using (var structResource = new StructResource { Disposals = &disposals })
            {
                Expect.Equal(0, disposals, "struct not disposed inside the block");
            }
            Expect.Equal(1, disposals, "struct disposed (constrained call, no boxing)");
            UsingDeclaration(resource);
            Expect.Equal(2, resource.Disposals, "using declaration disposes at the end of the scope");
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void UsingDeclaration(Resource resource)
        {
            using Resource scoped = resource;
            Expect.Equal(1, scoped.Disposals, "still undisposed in scope");
        }

        private static void CheckedOverflowPanics()
        {
            Expect.True(KernelTestRunner.Probe(&AddOverflow) == ProbeOutcome.Panicked, "checked int addition overflow panics");
            Expect.True(RuntimeTests.Contains(KernelTestRunner.LastFailure, "resulted in an overflow"), "OverflowException message");
            Expect.True(KernelTestRunner.Probe(&MultiplyOverflow) == ProbeOutcome.Panicked, "checked long multiplication overflow panics");
            Expect.True(KernelTestRunner.Probe(&NarrowingOverflow) == ProbeOutcome.Panicked, "checked narrowing conversion panics");
            Expect.Equal(2_000_000_000, checked(Opaque(1_000_000_000) * 2), "checked arithmetic that fits");
        }

        private static void AddOverflow()
        {
            int result = checked(Opaque(int.MaxValue) + 1);
            Expect.Fail("overflowed to " + (result < 0 ? "a negative" : "a positive") + " value");
        }

        private static void MultiplyOverflow()
        {
            long result = checked(Opaque(long.MaxValue / 2) * 3);
            Expect.Fail("overflowed to " + (result < 0 ? "a negative" : "a positive") + " value");
        }

        private static void NarrowingOverflow()
        {
            byte result = checked((byte)Opaque(256));
            Expect.Fail("narrowed to " + (result == 0 ? "zero" : "non-zero"));
        }

        private static void UncheckedArithmeticWraps()
        {
            Expect.Equal(int.MinValue, unchecked(Opaque(int.MaxValue) + 1), "unchecked addition wraps");
            Expect.Equal(0, unchecked((byte)Opaque(256)), "unchecked narrowing truncates");
        }

        private static void IntegerDivision()
        {
            Expect.Equal(-3, Opaque(-7) / Opaque(2), "division rounds towards zero");
            Expect.Equal(-1, Opaque(-7) % Opaque(2), "remainder takes the dividend's sign");
            Expect.Equal(long.MinValue / 3, Opaque(long.MinValue) / Opaque(3L), "64-bit division");
            Expect.Equal(1, Opaque(10L) % Opaque(3L), "64-bit remainder");
        }

        private static int s_iteratorCleanups;

        private static IEnumerable<int> Countdown(int from)
        {
            try
            {
                for (int i = from; i > 0; i--)
                    yield return i;
            }
            finally
            {
                s_iteratorCleanups++;
            }
        }

        private static void Iterators()
        {
            int sum = 0;
            int seen = 0;
            foreach (int value in Countdown(4))
            {
                sum = sum * 10 + value;
                seen++;
            }
            Expect.Equal(4321, sum, "values in order");
            Expect.Equal(1, s_iteratorCleanups, "iterator's finally ran at the end");
            foreach (int value in Countdown(100))
            {
                if (value == 98)
                    break;
            }
            Expect.Equal(2, s_iteratorCleanups, "breaking out disposes the iterator");
        }
    }
}
