// Which CPUs (up to 64) are running their idle thread: one bit per CPU index, changed only with atomic
// operations so that any CPU can read, set, clear or claim bits without a lock. The scheduler uses it to place new
// threads on idle CPUs and to find an idle CPU to kick when work queues up; a bit may be momentarily
// stale (a CPU that just woke), which costs at most a needless IPI or a later steal, never a lost thread.
using System.Threading;
using MinimalOS.Kernel.Memory.Heap;

namespace MinimalOS.Kernel.Scheduling
{
    public sealed class IdleCpuSet
    {
        public const int None = -1;

        private long _mask;

        /// <summary>Marks <paramref name="cpu"/> idle or busy.</summary>
        public void Set(int cpu, bool idle)
        {
            long bit = 1L << cpu;
            while (true)
            {
                long old = Read();
                long updated = idle ? old | bit : old & ~bit;
                if (old == updated || Interlocked.CompareExchange(ref _mask, updated, old) == old)
                    return;
            }
        }

        /// <summary>
        /// An idle CPU other than <paramref name="except"/>, whose bit is cleared at once so that the next
        /// caller picks another one (the CPU sets it again when it is idle again); None when there is none.
        /// </summary>
        public int Claim(int except)
        {
            while (true)
            {
                long idle = Read();
                long others = idle & ~(1L << except);
                if (others == 0)
                    return None;
                int cpu = BitScan.LowestSetBit((ulong)others);
                if (Interlocked.CompareExchange(ref _mask, idle & ~(1L << cpu), idle) == idle)
                    return cpu;
            }
        }

        /// <summary>Some idle CPU other than <paramref name="except"/>, without claiming it; None when there is none.</summary>
        public int Any(int except)
        {
            long others = Read() & ~(1L << except);
            return others == 0 ? None : BitScan.LowestSetBit((ulong)others);
        }

        private long Read() => Volatile.Read(ref _mask);
    }
}
