// DebugLog's rate limit (docs/SYSCALLS.md, call 0: more than 2,000 lines at once or 1,000 a second are
// RateLimited and dropped): a burst of lines as fast as the suite can send them must meet the limit, and
// after a second's pause lines pass again. Registered last: it drains the budget the report lines share
// (the runner resends a refused report line once the budget has refilled).
using MinimalOS.Abi;
using MinimalOS.Tests.User.Framework;
using MinimalOS.User.Runtime;

namespace MinimalOS.Tests.User.Tests
{
    internal static unsafe class RateLimitTests
    {
        private const int MaxLines = 6000;

        public static void Register()
        {
            UserTestRunner.Add("DebugLog.RateLimitedAfterABurst", &RateLimitedAfterABurst);
        }

        private static void RateLimitedAfterABurst()
        {
            int sent = 0;
            SyscallError error = SyscallError.None;
            for (; sent < MaxLines; sent++)
            {
                error = Syscalls.DebugLog(TestEnvironment.DebugLog, "usertests: rate-limit burst"u8);
                if (error != SyscallError.None)
                    break;
            }
            Check.Error(SyscallError.RateLimited, error, "DebugLog in a burst of up to 6,000 lines");
            Check.True(sent >= 1000, "at least a second's worth of lines passed before the limit");
            Syscalls.ClockMonotonic(out ulong start);
            ulong now = start;
            while (now - start < 1_100_000_000)
            {
                Syscalls.Yield();
                Syscalls.ClockMonotonic(out now);
            }
            Check.Ok(Syscalls.DebugLog(TestEnvironment.DebugLog, "usertests: a line after the pause"u8), "DebugLog a second after the limit was reached");
        }
    }
}
