// Costs of kernel threads: one thread-to-thread switch on one CPU, measured as a yield ping-pong between
// the boot thread and a partner pinned to the boot CPU (each operation is one switch: the figure is the
// total time divided by the number of switches); creating a thread that exits at once, including its two
// switches and the freeing of its stack; and, with a second CPU, the latency from Wake on CPU 0 to the
// woken thread running on CPU 1 (the reschedule IPI, the idle CPU leaving hlt, the switch), averaged.
using System.Runtime.CompilerServices;
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.Scheduling;
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
            if (Scheduler.ProcessorCount > 1)
                BenchmarkRunner.ReportNanoseconds("thread.cross-cpu-wake", CrossCpuWakeLatency(WakeRounds));
            else
                Log.Info("bench", $"thread.cross-cpu-wake: needs a second CPU (run with -smp 2 or more)");
        }

        private const int WakeRounds = 200;
        private static volatile int s_wakesSeen;
        private static ulong s_wakeSentAt;
        private static ulong s_latencyTotal;

        // Pinned to CPU 1: blocks, and on each wake-up adds the time since CPU 0 called Wake.
        private static void WakeTarget(nint rounds)
        {
            for (nint i = 0; i < rounds; i++)
            {
                Scheduler.Block();
                s_latencyTotal += TscClock.Nanoseconds() - s_wakeSentAt;
                s_wakesSeen = (int)i + 1;
            }
        }

        private static ulong CrossCpuWakeLatency(int rounds)
        {
            s_wakesSeen = 0;
            s_latencyTotal = 0;
            Thread target = Scheduler.Create(&WakeTarget, rounds, Scheduler.DefaultPriority, cpu: 1);
            if (target is null)
                return 0;
            for (int i = 0; i < rounds; i++)
            {
                ulong start = TscClock.Nanoseconds();
                while (target.State != ThreadState.Blocked || s_wakesSeen != i)
                {
                    if (TscClock.Nanoseconds() - start > 5_000_000_000)
                        return 0;
                }
                s_wakeSentAt = TscClock.Nanoseconds();
                Scheduler.Wake(target);
            }
            ulong waitStart = TscClock.Nanoseconds();
            while (s_wakesSeen != rounds && TscClock.Nanoseconds() - waitStart < 5_000_000_000)
                Scheduler.Yield();
            return s_wakesSeen == rounds ? s_latencyTotal / (ulong)rounds : 0;
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
            Thread partner = Scheduler.Create(&YieldTimes, switches / 2, Scheduler.DefaultPriority, cpu: 0);
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
                if (Scheduler.Create(&Nothing, 0, Scheduler.DefaultPriority, cpu: 0) is null)
                    return;
                Scheduler.Yield();
            }
        }
    }
}
