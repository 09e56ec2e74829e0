// The fuzzer's entry point, the root task of its own boot (`make fuzz`, and a short run in `make test`):
// reads user.fuzz.seed (default: from the clock) and user.fuzz.calls (default 1,000,000) from the kernel
// command line, runs FuzzSupervisor and exits with 0 only when the run found no failure.
using System.Runtime;
using MinimalOS.Tests.User.Common;
using MinimalOS.User.Runtime;

namespace MinimalOS.Tests.User.Fuzzer
{
    public static class Fuzzer
    {
        private const ulong DefaultCalls = 1_000_000;

        [RuntimeExport("MinimalOS_Main")]
        public static void Main(BootInfo bootInfo)
        {
            if (!RootSpace.Initialize(bootInfo))
                Syscalls.ThreadExit(1);
            if (!CommandLine.TryGetNumber(bootInfo, "user.fuzz.seed", out ulong seed))
                Syscalls.ClockMonotonic(out seed);
            if (!CommandLine.TryGetNumber(bootInfo, "user.fuzz.calls", out ulong calls))
                calls = DefaultCalls;
            ulong failures = FuzzSupervisor.Run(seed, calls);
            Syscalls.ThreadExit(failures == 0 ? 0UL : 1UL);
        }
    }
}
