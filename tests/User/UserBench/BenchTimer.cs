// Times a ring-3 benchmark the way tests/Bench times the kernel's: one warm-up run, then five timed rounds,
// the fastest reported, as "bench: <name>: <ns> ns/op, <ops> ops/s" through DebugLog (the TSC cycles of
// the kernel's lines are left out: a program knows no TSC frequency). The clock is ClockMonotonic.
// Figures, not tests: a body that fails is reported as a failure of the program, never as a figure.
using MinimalOS.Abi;
using MinimalOS.Tests.User.Common;
using MinimalOS.User.Runtime;

namespace MinimalOS.Tests.User.UserBench
{
    internal static unsafe class BenchTimer
    {
        private const int Rounds = 5;

        private static readonly LogLine s_line = new LogLine();

        /// <summary>Runs <paramref name="body"/> (which does the operation <paramref name="operations"/> times and says what failed) and logs the figure; false when it failed.</summary>
        public static bool Measure(string name, delegate*<int, SyscallError> body, int operations)
        {
            SyscallError error = body(operations);
            ulong best = ulong.MaxValue;
            for (int round = 0; round < Rounds && error == SyscallError.None; round++)
            {
                Syscalls.ClockMonotonic(out ulong start);
                error = body(operations);
                Syscalls.ClockMonotonic(out ulong end);
                if (end - start < best)
                    best = end - start;
            }
            if (error != SyscallError.None)
                return Failed(name, error);
            Report(name, best, (ulong)operations);
            return true;
        }

        /// <summary>Logs a figure measured elsewhere: <paramref name="nanoseconds"/> for <paramref name="operations"/> operations.</summary>
        public static void Report(string name, ulong nanoseconds, ulong operations)
        {
            ulong picosPerOp = nanoseconds * 1000 / operations;
            ulong opsPerSecond = picosPerOp == 0 ? 0 : 1_000_000_000_000UL / picosPerOp;
            s_line.Begin("bench: ").Add(name).Add(": ").AddThousandths(picosPerOp).Add(" ns/op, ").AddDecimal(opsPerSecond).Add(" ops/s").WriteTo(RootSpace.DebugLog);
        }

        public static bool Failed(string name, SyscallError error)
        {
            s_line.Begin("userbench: ").Add(name).Add(" failed with error ").AddError(error).WriteTo(RootSpace.DebugLog);
            return false;
        }
    }
}
