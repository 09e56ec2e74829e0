// The calling CPU's own per-CPU data, reached through GS: IA32_GS_BASE points at its CpuLocal (the boot
// stub installs a static stand-in with index 0 before the first C# instruction, ProcessorTables installs
// the real page). Valid from any context, interrupts on or off; a value read with interrupts on may belong
// to a CPU the thread has since left, so callers that need "this CPU" to stay true disable interrupts first.
using System.Runtime;
using System.Runtime.CompilerServices;

namespace MinimalOS.Kernel.Arch.X86_64.Interrupts
{
    internal static unsafe class ThisCpu
    {
        [RuntimeImport("*", "this_cpu_local")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern CpuLocal* LocalFromGs();

        [RuntimeImport("*", "this_cpu_index")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern uint IndexFromGs();

        [RuntimeImport("*", "this_cpu_install")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void InstallBase(CpuLocal* local);

        /// <summary>The calling CPU's per-CPU structure.</summary>
        public static CpuLocal* Local => LocalFromGs();

        /// <summary>The calling CPU's index (0 = the boot CPU).</summary>
        public static int Index => (int)IndexFromGs();

        /// <summary>Points the calling CPU's GS base at <paramref name="local"/> (Self must already point at itself).</summary>
        public static void Install(CpuLocal* local)
        {
            if (local == null || local->Self != local)
                Diagnostics.Panic.Halt("ThisCpu.Install: the per-CPU block does not point at itself");
            InstallBase(local);
        }
    }
}
