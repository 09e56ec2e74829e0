// Programs this CPU's page attribute table (IA32_PAT, MSR 0x277) with PatLayout.Kernel, so that the PWT/PCD/PAT
// bits of every leaf mean the same memory type on every CPU. Runs once per CPU during its start-up, with
// interrupts off. A plain MSR write is enough (no WBINVD/cache-disable dance): the layout changes only
// entry 1 (WT -> WC), which no mapping selects before every CPU has run this. Without PAT (CPUID.1:EDX bit
// 16 clear) PWT and PCD keep their legacy meaning: WB and UC stay as they are, WC degrades to write-through.
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.Memory.Paging;

namespace MinimalOS.Kernel.Arch.X86_64
{
    internal static unsafe class PageAttributeTable
    {
        public const uint PatMsr = 0x277;
        private const uint CpuIdFeaturePat = 1u << 16;

        private static bool s_logged;

        public static bool Supported
        {
            get
            {
                uint* registers = stackalloc uint[4];
                Cpu.CpuId(1, 0, registers);
                return (registers[3] & CpuIdFeaturePat) != 0;
            }
        }

        public static void InitializeThisCpu()
        {
            if (!Supported)
            {
                Log.Warn("paging", $"CPU has no PAT: write-combining mappings are write-through");
                return;
            }
            Cpu.WriteMsr(PatMsr, PatLayout.KernelMsrValue);
            ulong readBack = Cpu.ReadMsr(PatMsr);
            if (readBack != PatLayout.KernelMsrValue)
            {
                Log.Error("paging", $"IA32_PAT reads 0x{readBack:x} after writing 0x{PatLayout.KernelMsrValue:x}");
                return;
            }
            if (!s_logged)
            {
                s_logged = true;
                Log.Info("paging", $"PAT 0x{readBack:x}: WB 0, WC 1, UC- 2, UC 3, WB 4, WT 5, UC- 6, UC 7");
            }
        }
    }
}
