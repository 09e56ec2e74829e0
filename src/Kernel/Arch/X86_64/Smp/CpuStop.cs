// Stopping the other CPUs when this one panics, as Linux does: each gets an NMI (which no cli can hold
// off), counts itself stopped and halts for good with interrupts off, so nothing else runs, logs or
// touches shared state while the panic report is written. The NMI handler asks IsStopping first: an NMI
// for any other reason still goes the usual way. Never allocates, takes no lock, waits a bounded time.
using System.Threading;
using MinimalOS.Kernel.Arch.X86_64.Apic;
using MinimalOS.Kernel.Arch.X86_64.Interrupts;

namespace MinimalOS.Kernel.Arch.X86_64.Smp
{
    internal static class CpuStop
    {
        // How long the panicking CPU waits for the others to say they stopped.
        private const ulong AnswerTimeoutNanoseconds = 100_000_000;

        private static volatile bool s_stopping;
        private static int s_stopped;

        /// <summary>True once a CPU has asked the others to stop: an NMI then means "halt".</summary>
        public static bool IsStopping => s_stopping;

        /// <summary>
        /// Sends every other online CPU an NMI that halts it and waits (bounded) until they have stopped;
        /// returns how many said so, out of <paramref name="asked"/>.
        /// </summary>
        public static int StopOthers(out int asked)
        {
            asked = 0;
            int self = ThisCpu.Index;
            ulong online = OnlineCpus.Mask;
            if (OnlineCpus.Count <= 1)
                return 0;
            s_stopping = true;
            for (int cpu = 0; cpu < CpuLocals.MaxCpus; cpu++)
            {
                if (cpu == self || (online & (1UL << cpu)) == 0)
                    continue;
                if (LocalApicIpi.SendNmi(OnlineCpus.ApicId(cpu)))
                    asked++;
            }
            ulong deadline = TscClock.Nanoseconds() + AnswerTimeoutNanoseconds;
            while (Volatile.Read(ref s_stopped) < asked && TscClock.Nanoseconds() < deadline)
                Cpu.Pause();
            return Volatile.Read(ref s_stopped);
        }

        /// <summary>The NMI handler's part: counts this CPU stopped and halts it; never returns.</summary>
        public static void HaltThisCpu()
        {
            Interlocked.Increment(ref s_stopped);
            Cpu.HaltForever();
        }
    }
}
