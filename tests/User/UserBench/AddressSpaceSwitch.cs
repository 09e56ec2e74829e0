// "switch between address spaces": two threads in two processes, each with its own address space (a
// ChildProcess), pinned to one CPU at a priority above the root task's, yield to each other. Each first
// waits until both run, then yields a fixed number of times; each yield is one switch to the other address
// space. Both write their clock readings into the shared page; the figure is the whole span over every
// switch. The root task only waits for both to exit.
using MinimalOS.Abi;
using MinimalOS.Tests.User.Common;
using MinimalOS.User.Runtime;

namespace MinimalOS.Tests.User.UserBench
{
    internal static unsafe class AddressSpaceSwitch
    {
        private const int Yields = 20000;
        private const int WarmUpYields = 1000;
        private const ulong ThreadPriority = 20;
        private const int ChildUntypedBits = 22;

        private struct SharedState
        {
            public long Started;
            public ulong Start0, End0, Start1, End1;
        }

        public static bool Run(CapSlot untyped, CapSlot sharedFrame)
        {
            const string name = "switch between address spaces";
            var shared = (SharedState*)ChildProcess.SharedPage;
            *shared = default;
            SyscallError error = RootSpace.Make(untyped, ObjectType.Untyped, ChildUntypedBits, out uint first);
            if (error == SyscallError.None)
                error = RootSpace.Make(untyped, ObjectType.Untyped, ChildUntypedBits, out uint _);
            if (error != SyscallError.None)
                return BenchTimer.Failed(name, error);
            error = ChildProcess.Create(RootSpace.Slot(first), 4, sharedFrame, out ChildProcess a);
            ChildProcess b = null;
            if (error == SyscallError.None)
                error = ChildProcess.Create(RootSpace.Slot(first + 1), 4, sharedFrame, out b);
            ulong cpu = RootSpace.CpuCount - 1;
            if (error == SyscallError.None)
                error = a.StartThread(&Body, 0, ThreadPriority, cpu);
            if (error == SyscallError.None)
                error = b.StartThread(&Body, 1, ThreadPriority, cpu);
            if (error != SyscallError.None)
                return BenchTimer.Failed(name, error);
            while (a.ThreadState != ThreadRunState.Exited || b.ThreadState != ThreadRunState.Exited)
            {
                if (a.ThreadState == ThreadRunState.Faulted || b.ThreadState == ThreadRunState.Faulted)
                    return BenchTimer.Failed(name, SyscallError.InvalidState);
                Syscalls.Yield();
            }
            ulong start = shared->Start0 < shared->Start1 ? shared->Start0 : shared->Start1;
            ulong end = shared->End0 > shared->End1 ? shared->End0 : shared->End1;
            BenchTimer.Report(name, end - start, 2 * Yields);
            return true;
        }

        // Runs in a child process; which is 0 or 1. Reaches the root task's memory only through the shared page.
        private static void Body(ulong which)
        {
            var shared = (SharedState*)ChildProcess.SharedPage;
            System.Threading.Interlocked.Increment(ref shared->Started);
            while (System.Threading.Volatile.Read(ref shared->Started) < 2)
                Syscalls.Yield();
            for (int i = 0; i < WarmUpYields; i++)
                Syscalls.Yield();
            Syscalls.ClockMonotonic(out ulong start);
            for (int i = 0; i < Yields; i++)
                Syscalls.Yield();
            Syscalls.ClockMonotonic(out ulong end);
            if (which == 0)
            {
                shared->Start0 = start;
                shared->End0 = end;
            }
            else
            {
                shared->Start1 = start;
                shared->End1 = end;
            }
            Syscalls.ThreadExit(0);
        }
    }
}
