// Costs of the local APIC paths the scheduler will use on every tick: writing the EOI register (xAPIC: one
// uncached MMIO store; x2APIC: one MSR write), and the latency of a timer interrupt, i.e. from the moment a
// one-shot of a single timer tick is armed until its handler runs (arming, the tick itself, delivery and
// the whole interrupt entry path). EOI with nothing in service is ignored by the APIC, so it is safe here.
using System.Runtime.CompilerServices;
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Arch.X86_64.Apic;
using MinimalOS.Kernel.Arch.X86_64.Interrupts;
using MinimalOS.Kernel.Scheduling;

namespace MinimalOS.Kernel.Benchmarks
{
    internal static unsafe class LocalApicBenchmarks
    {
        private const int LatencySamples = 200;

        private static volatile int s_fired;

        public static void Run()
        {
            BenchmarkRunner.Measure("apic.eoi", &EndOfInterrupts, 10_000);
            BenchmarkRunner.ReportNanoseconds("apic.timer-one-shot-latency", OneShotLatencyNanoseconds());
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void EndOfInterrupts(int count)
        {
            for (int i = 0; i < count; i++)
                LocalApic.EndOfInterrupt();
        }

        /// <summary>Best arm-to-handler time over the samples, in ns; 0 when the timer never fired.</summary>
        private static ulong OneShotLatencyNanoseconds()
        {
            delegate*<ref InterruptFrame, void> scheduler = LocalApicTimer.Handler;
            LocalApicTimer.SetHandler(&Fired);
            ulong best = ulong.MaxValue;
            for (int i = 0; i < LatencySamples; i++)
            {
                s_fired = 0;
                ulong start = Cpu.ReadTimestampCounter();
                // 1 ns rounds up to a single timer tick.
                if (!LocalApicTimer.ArmOneShot(1))
                    break;
                ulong limit = start + TscClock.FrequencyHz / 100;
                while (s_fired == 0 && Cpu.ReadTimestampCounter() < limit)
                    Cpu.Pause();
                if (s_fired == 0)
                    break;
                ulong ticks = Cpu.ReadTimestampCounter() - start;
                if (ticks < best)
                    best = ticks;
            }
            LocalApicTimer.SetHandler(scheduler);
            Scheduler.ReprogramTimer();
            return best == ulong.MaxValue ? 0 : best * 1_000_000_000UL / TscClock.FrequencyHz;
        }

        private static void Fired(ref InterruptFrame frame) => s_fired = 1;
    }
}
