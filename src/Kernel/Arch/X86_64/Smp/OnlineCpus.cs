// Which CPUs are running kernel code and answer IPIs, by CPU index (0 = the boot CPU), with each one's
// APIC id. A CPU marks itself online as the last step of its own initialisation (after its tables, local
// APIC and timer), so "online" means it can take interrupts. Indexes have holes only where an AP failed to
// start. Marking is serialised by bring-up (one AP at a time); readers on any CPU see whole values.
using MinimalOS.Kernel.Arch.X86_64.Interrupts;

namespace MinimalOS.Kernel.Arch.X86_64.Smp
{
    internal static unsafe class OnlineCpus
    {
        private static volatile int s_count;
        private static volatile uint s_maskLow;
        private static volatile uint s_maskHigh;
        private static ApicIdTable s_apicIds;

        private struct ApicIdTable
        {
            public fixed uint Entries[CpuLocals.MaxCpus];
        }

        /// <summary>How many CPUs are online (1 once the boot CPU is registered).</summary>
        public static int Count => s_count;

        /// <summary>Bit i set: CPU i is online.</summary>
        public static ulong Mask => ((ulong)s_maskHigh << 32) | s_maskLow;

        public static bool IsOnline(int cpuIndex) => (uint)cpuIndex < CpuLocals.MaxCpus && (Mask & (1UL << cpuIndex)) != 0;

        /// <summary>CPU <paramref name="cpuIndex"/>'s APIC id; only meaningful while IsOnline.</summary>
        public static uint ApicId(int cpuIndex)
        {
            if ((uint)cpuIndex >= CpuLocals.MaxCpus)
                return uint.MaxValue;
            fixed (uint* ids = s_apicIds.Entries)
                return ids[cpuIndex];
        }

        /// <summary>Called by CPU <paramref name="cpuIndex"/> itself when it is ready for interrupts; false when out of range or already online.</summary>
        public static bool MarkOnline(int cpuIndex, uint apicId)
        {
            if ((uint)cpuIndex >= CpuLocals.MaxCpus || IsOnline(cpuIndex))
                return false;
            fixed (uint* ids = s_apicIds.Entries)
                ids[cpuIndex] = apicId;
            if (cpuIndex < 32)
                s_maskLow |= 1u << cpuIndex;
            else
                s_maskHigh |= 1u << (cpuIndex - 32);
            s_count++;
            return true;
        }
    }
}
