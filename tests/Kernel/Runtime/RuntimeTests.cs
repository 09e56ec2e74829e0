// Kernel tests of the corelib: the C# features the runtime claims, exercised in ring 0.
using System;
using MinimalOS.Kernel.Text;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class RuntimeTests
    {
        public static void Register(KernelTestList tests)
        {
            tests.Add("Runtime.StringLiteralsAndLength", &StringLiteralsAndLength);
            tests.Add("Runtime.ThrowPanicsWithTypeAndMessage", &ThrowPanicsWithTypeAndMessage);
            tests.Add("Framework.FailedExpectationIsCaught", &FailedExpectationIsCaught);
            tests.Add("Framework.PassingBodyReturns", &PassingBodyReturns);
        }

        private static void StringLiteralsAndLength()
        {
            string s = "kernel";
            Expect.Equal(6, s.Length, "length of \"kernel\"");
            Expect.True(s[0] == 'k', "first character");
        }

        private static void ThrowPanicsWithTypeAndMessage()
        {
            Expect.True(KernelTestRunner.Probe(&ThrowInvalidOperation) == ProbeOutcome.Panicked, "throw ends in a panic");
            ReadOnlySpan<byte> text = KernelTestRunner.LastFailure;
            Expect.True(Contains(text, "InvalidOperationException"), "panic names the exception type");
            Expect.True(Contains(text, "kernel test message"), "panic carries the exception message");
        }

        private static void ThrowInvalidOperation() => throw new InvalidOperationException("kernel test message");

        // The framework checks itself: a failed expectation must be caught and described, not passed over.
        private static void FailedExpectationIsCaught()
        {
            Expect.True(KernelTestRunner.Probe(&FailingBody) == ProbeOutcome.FailedExpectation, "failure detected");
            Expect.True(Contains(KernelTestRunner.LastFailure, "expected 1, got 2"), "failure described");
        }

        private static void FailingBody() => Expect.Equal(1, 2, "deliberate");

        private static void PassingBodyReturns() =>
            Expect.True(KernelTestRunner.Probe(&PassingBody) == ProbeOutcome.Returned, "a passing body returns");

        private static void PassingBody() => Expect.Equal(2, 2, "two is two");

        internal static bool Contains(ReadOnlySpan<byte> haystack, string needle)
        {
            for (int start = 0; start + needle.Length <= haystack.Length; start++)
            {
                int i = 0;
                while (i < needle.Length && haystack[start + i] == (byte)needle[i])
                    i++;
                if (i == needle.Length)
                    return true;
            }
            return false;
        }
    }
}
