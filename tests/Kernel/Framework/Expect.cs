// Assertions for kernel tests. A failed expectation records its message and abandons the test (the
// runner resumes at its saved point), so code after a failed Expect never runs.
using MinimalOS.Kernel.Logging;

namespace MinimalOS.Kernel.Tests
{
    internal static class Expect
    {
        public static void True(bool condition, string what)
        {
            if (!condition)
                KernelTestRunner.FailCurrentTest(what, "expected true");
        }

        public static void False(bool condition, string what)
        {
            if (condition)
                KernelTestRunner.FailCurrentTest(what, "expected false");
        }

        public static void Equal(long expected, long actual, string what)
        {
            if (expected != actual)
                KernelTestRunner.FailCurrentTest(what, "values differ", $"expected {expected}, got {actual}");
        }

        public static void Equal(ulong expected, ulong actual, string what)
        {
            if (expected != actual)
                KernelTestRunner.FailCurrentTest(what, "values differ", $"expected 0x{expected:x}, got 0x{actual:x}");
        }

        public static void Equal(string expected, string actual, string what)
        {
            if (expected != actual)
                KernelTestRunner.FailCurrentTest(what, "strings differ", $"expected \"{expected}\", got \"{actual}\"");
        }

        public static void Same(object expected, object actual, string what)
        {
            if ((object)expected != actual)
                KernelTestRunner.FailCurrentTest(what, "expected the same object");
        }

        public static void Null(object value, string what)
        {
            if (value is not null)
                KernelTestRunner.FailCurrentTest(what, "expected null");
        }

        public static void NotNull(object value, string what)
        {
            if (value is null)
                KernelTestRunner.FailCurrentTest(what, "expected non-null");
        }

        public static void Fail(string what) => KernelTestRunner.FailCurrentTest(what, "failed");
    }
}
