// Cost of the IRQ-safe ticket spinlock when nobody else wants it: Acquire+Release (which also save,
// disable and restore the interrupt flag), and the variant for callers that keep interrupts off.
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Arch.X86_64.Sync;

namespace MinimalOS.Kernel.Benchmarks
{
    internal static unsafe class SyncBenchmarks
    {
        private static SpinLock s_lock;

        public static void Run()
        {
            s_lock = new SpinLock("bench");
            BenchmarkRunner.Measure("sync.spinlock-acquire+release", &AcquireRelease, 10000);
            bool interrupts = (Cpu.ReadRflags() & (1UL << 9)) != 0;
            Cpu.DisableInterrupts();
            BenchmarkRunner.Measure("sync.spinlock-acquire+release-interrupts-off", &AcquireReleaseInterruptsOff, 10000);
            if (interrupts)
                Cpu.EnableInterrupts();
        }

        private static void AcquireRelease(int operations)
        {
            for (int i = 0; i < operations; i++)
            {
                s_lock.Acquire();
                s_lock.Release();
            }
        }

        private static void AcquireReleaseInterruptsOff(int operations)
        {
            for (int i = 0; i < operations; i++)
            {
                s_lock.AcquireWithInterruptsOff();
                s_lock.ReleaseWithInterruptsOff();
            }
        }
    }
}
