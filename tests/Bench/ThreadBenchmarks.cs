// Costs of cooperative kernel threads on the boot CPU: one thread-to-thread switch, measured as a yield
// ping-pong between the boot thread and a partner (each operation is one switch: the figure is the total
// time divided by the number of switches), and creating a thread that exits at once, including its two
// switches and the freeing of its stack.
using System.Runtime.CompilerServices;
using MinimalOS.Kernel.Arch.X86_64.Threads;
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.Threads;

namespace MinimalOS.Kernel.Benchmarks
{
    internal static unsafe class ThreadBenchmarks
    {
        public static void Run()
        {
            if (!Scheduler.IsStarted)
            {
                Log.Warn("bench", $"threads: the scheduler did not start");
                return;
            }
            BenchmarkRunner.Measure("thread.yield-switch", &PingPong, 10_000);
            BenchmarkRunner.Measure("thread.create-run-exit", &CreateAndExit, 1_000);
        }

        private static void YieldTimes(nint count)
        {
            for (nint i = 0; i < count; i++)
                Scheduler.Yield();
        }

        // `switches` switches in all: the partner yields back each time the boot thread yields to it.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void PingPong(int switches)
        {
            Thread partner = Scheduler.Create(&YieldTimes, switches / 2);
            if (partner is null)
                return;
            while (partner.State != ThreadState.Dead)
                Scheduler.Yield();
        }

        private static void Nothing(nint unused) { }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void CreateAndExit(int count)
        {
            for (int i = 0; i < count; i++)
            {
                if (Scheduler.Create(&Nothing, 0) is null)
                    return;
                Scheduler.Yield();
            }
        }
    }
}
