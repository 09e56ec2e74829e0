// The ring-3 benchmarks' entry point, the root task of its own boot (`make bench` boots the normal kernel
// with it and wait-roottask): carves one untyped for every benchmark's objects, maps the page it shares
// with its child processes, runs the benchmarks and exits with 0 only when every one could be measured.
using System.Runtime;
using MinimalOS.Abi;
using MinimalOS.Tests.User.Common;
using MinimalOS.User.Runtime;

namespace MinimalOS.Tests.User.UserBench
{
    public static class UserBench
    {
        private const int BenchUntypedBits = 25;

        [RuntimeExport("MinimalOS_Main")]
        public static void Main(BootInfo bootInfo)
        {
            if (!RootSpace.Initialize(bootInfo))
                Syscalls.ThreadExit(1);
            SyscallError error = RootSpace.CarveUntyped(BenchUntypedBits, out uint untypedSlot, out _);
            CapSlot untyped = RootSpace.Slot(untypedSlot);
            uint shared = 0;
            if (error == SyscallError.None)
                error = RootSpace.Make(untyped, ObjectType.Frame, 12, out shared);
            if (error == SyscallError.None)
                error = RootSpace.MapWithTables(untyped, RootSpace.Slot(shared), RootSpace.AddressSpace, ChildProcess.SharedPage, CapRights.Read | CapRights.Write);
            if (error != SyscallError.None)
            {
                BenchTimer.Failed("set-up", error);
                Syscalls.ThreadExit(1);
            }
            bool ok = CapabilityBenchmarks.Run(untyped);
            ok &= AddressSpaceSwitch.Run(untyped, RootSpace.Slot(shared));
            ok &= IpcBenchmarks.Run(untyped, RootSpace.Slot(shared));
            ok &= PagerBenchmark.Run(untyped, RootSpace.Slot(shared));
            Syscalls.ThreadExit(ok ? 0UL : 1UL);
        }
    }
}
