// The per-CPU structures of every CPU brought up so far, by CPU index (0 = the boot CPU), and the questions
// diagnostics ask about them (is this address on some CPU's interrupt stack or its guard page?). Setting
// a CPU up is ProcessorTables' job; the calling CPU's own structure comes from its GS base (ThisCpu).
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Arch.X86_64.Interrupts
{
    internal static unsafe class CpuLocals
    {
        public const int MaxCpus = 64;

        private static Table s_cpus;

        private struct Table
        {
            public fixed ulong Entries[MaxCpus];
        }

        /// <summary>CPU <paramref name="index"/>'s structure, or null when it is not set up (or out of range).</summary>
        public static CpuLocal* Get(int index)
        {
            if ((uint)index >= MaxCpus)
                return null;
            fixed (ulong* entries = s_cpus.Entries)
                return (CpuLocal*)entries[index];
        }

        /// <summary>Records CPU <paramref name="local"/>->Index; false when the index is out of range or taken.</summary>
        public static bool Publish(CpuLocal* local)
        {
            if (local->Index >= MaxCpus || Get((int)local->Index) != null)
                return false;
            fixed (ulong* entries = s_cpus.Entries)
                entries[local->Index] = (ulong)local;
            return true;
        }

        /// <summary>The interrupt stack of any CPU that contains <paramref name="address"/> (top included: an empty stack).</summary>
        public static bool TryFindInterruptStack(ulong address, out KernelStack stack, out int cpu, out int ist)
        {
            for (cpu = 0; cpu < MaxCpus; cpu++)
            {
                CpuLocal* local = Get(cpu);
                if (local == null)
                    continue;
                for (ist = 1; ist <= InterruptStackTable.StacksPerCpu; ist++)
                {
                    stack = local->InterruptStack(ist);
                    if (!stack.IsEmpty && address >= stack.Bottom.Value && address <= stack.Top.Value)
                        return true;
                }
            }
            stack = default;
            cpu = -1;
            ist = 0;
            return false;
        }

        /// <summary>The interrupt stack of any CPU whose guard page contains <paramref name="address"/>.</summary>
        public static bool TryFindInterruptStackGuard(ulong address, out int cpu, out int ist)
        {
            for (cpu = 0; cpu < MaxCpus; cpu++)
            {
                CpuLocal* local = Get(cpu);
                if (local == null)
                    continue;
                for (ist = 1; ist <= InterruptStackTable.StacksPerCpu; ist++)
                {
                    if (local->InterruptStack(ist).GuardContains(address))
                        return true;
                }
            }
            cpu = -1;
            ist = 0;
            return false;
        }
    }
}
