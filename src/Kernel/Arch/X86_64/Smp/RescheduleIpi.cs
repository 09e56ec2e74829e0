// The reschedule IPI (vector 0xF2): one CPU asks another to look at its run queue. The handler counts the
// interrupt, sends the EOI first (the hook may switch threads and not come back for a while) and then calls
// the hook the scheduler registered with SetHandler; without a hook the interrupt only wakes a halted CPU.
// Sending never waits for the target and never allocates, so it is fine from interrupt handlers.
using MinimalOS.Kernel.Arch.X86_64.Apic;
using MinimalOS.Kernel.Arch.X86_64.Interrupts;

namespace MinimalOS.Kernel.Arch.X86_64.Smp
{
    internal static unsafe class RescheduleIpi
    {
        public const byte Vector = 0xF2;

        private static delegate*<void> s_handler;
        private static Counts s_received;

        private struct Counts
        {
            public fixed ulong Entries[CpuLocals.MaxCpus];
        }

        /// <summary>Registers the vector; once, on the boot CPU, before any AP starts.</summary>
        public static bool Initialize() => InterruptVectors.Register(Vector, &OnInterrupt);

        /// <summary>What every reschedule IPI runs (after its EOI, interrupts still off); null: nothing.</summary>
        public static delegate*<void> Handler => s_handler;

        /// <summary>Sets what every reschedule IPI runs (after its EOI, interrupts still off); null removes it.</summary>
        public static void SetHandler(delegate*<void> handler) => s_handler = handler;

        /// <summary>Interrupts CPU <paramref name="cpuIndex"/> (the caller itself included); false when it is not online.</summary>
        public static bool Send(int cpuIndex) =>
            OnlineCpus.IsOnline(cpuIndex) && LocalApicIpi.SendFixed(OnlineCpus.ApicId(cpuIndex), Vector);

        /// <summary>Reschedule IPIs CPU <paramref name="cpuIndex"/> has taken.</summary>
        public static ulong ReceivedOn(int cpuIndex)
        {
            if ((uint)cpuIndex >= CpuLocals.MaxCpus)
                return 0;
            fixed (ulong* counts = s_received.Entries)
                return counts[cpuIndex];
        }

        private static void OnInterrupt(ref InterruptFrame frame)
        {
            int cpu = ThisCpu.Index;
            if ((uint)cpu < CpuLocals.MaxCpus)
            {
                fixed (ulong* counts = s_received.Entries)
                    counts[cpu]++;
            }
            LocalApic.EndOfInterrupt();
            delegate*<void> handler = s_handler;
            if (handler != null)
                handler();
        }
    }
}
