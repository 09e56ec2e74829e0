// Assertions of the ring-3 tests. A failed check writes what was expected and what came back into the
// runner's failure text and abandons the test (the runner resumes at its saved point), so code after a
// failed check never runs. Every message starts with "what": the call or value being checked.
using MinimalOS.Abi;

namespace MinimalOS.Tests.User.Framework
{
    internal static class Check
    {
        /// <summary>The call succeeded.</summary>
        public static void Ok(SyscallError actual, string what) => Error(SyscallError.None, actual, what);

        /// <summary>The call failed with exactly <paramref name="expected"/>.</summary>
        public static void Error(SyscallError expected, SyscallError actual, string what)
        {
            if (expected == actual)
                return;
            ref ReportText text = ref UserTestRunner.BeginFailure(what);
            text.Append("expected ");
            text.Append(expected);
            text.Append(", got ");
            text.Append(actual);
            UserTestRunner.AbandonTest();
        }

        public static void Equal(ulong expected, ulong actual, string what)
        {
            if (expected == actual)
                return;
            ref ReportText text = ref UserTestRunner.BeginFailure(what);
            text.Append("expected ");
            text.AppendHex(expected);
            text.Append(", got ");
            text.AppendHex(actual);
            UserTestRunner.AbandonTest();
        }

        public static void State(ThreadRunState expected, ThreadRunState actual, string what)
        {
            if (expected == actual)
                return;
            ref ReportText text = ref UserTestRunner.BeginFailure(what);
            text.Append("expected ");
            text.Append(Names.Of(expected));
            text.Append(", got ");
            text.Append(Names.Of(actual));
            UserTestRunner.AbandonTest();
        }

        public static void True(bool condition, string what)
        {
            if (condition)
                return;
            UserTestRunner.BeginFailure(what).Append("expected true");
            UserTestRunner.AbandonTest();
        }

        /// <summary>A failure with a message of its own (<paramref name="detail"/> after "what: ").</summary>
        public static void Fail(string what, string detail)
        {
            UserTestRunner.BeginFailure(what).Append(detail);
            UserTestRunner.AbandonTest();
        }
    }
}
