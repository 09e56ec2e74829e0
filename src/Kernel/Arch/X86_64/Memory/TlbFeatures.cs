// The TLB features the kernel uses when the CPU has them: global pages (CR4.PGE; the kernel half is mapped
// Global, so switching address spaces keeps it cached) and process-context identifiers (CR4.PCIDE: each
// user address space tags its TLB entries with its own PCID, so a switch need not flush them; INVPCID is
// noted when present). Without PCID every switch to another address space flushes its non-global entries.
// Enabled on the boot CPU once its own page tables are live; application processors take the boot CPU's
// CR4 in the trampoline (in long mode, with a CR3 whose PCID bits are 0, as PCIDE requires).
using MinimalOS.Kernel.Logging;

namespace MinimalOS.Kernel.Arch.X86_64
{
    internal static unsafe class TlbFeatures
    {
        private const ulong Cr4GlobalPages = 1UL << 7;
        private const ulong Cr4ProcessContextIds = 1UL << 17;

        public static bool GlobalPages { get; private set; }
        public static bool ProcessContextIds { get; private set; }
        public static bool InvalidatePcidInstruction { get; private set; }

        public static void EnableOnBootCpu()
        {
            uint* registers = stackalloc uint[4];
            Cpu.CpuId(1, 0, registers);
            bool pge = (registers[3] & (1u << 13)) != 0;
            bool pcid = (registers[2] & (1u << 17)) != 0;
            Cpu.CpuId(0, 0, registers);
            bool invpcid = false;
            if (registers[0] >= 7)
            {
                Cpu.CpuId(7, 0, registers);
                invpcid = (registers[1] & (1u << 10)) != 0;
            }
            ulong cr4 = Cpu.ReadCr4();
            if (pge)
                cr4 |= Cr4GlobalPages;
            if (pcid && (Cpu.ReadCr3() & 0xFFF) == 0)
                cr4 |= Cr4ProcessContextIds;
            Cpu.WriteCr4(cr4);
            cr4 = Cpu.ReadCr4();
            GlobalPages = (cr4 & Cr4GlobalPages) != 0;
            ProcessContextIds = (cr4 & Cr4ProcessContextIds) != 0;
            InvalidatePcidInstruction = invpcid;
            Log.Info("paging", $"TLB: global pages {OnOff(GlobalPages)}, PCID {OnOff(ProcessContextIds)}, INVPCID {(invpcid ? "present" : "absent")}");
        }

        /// <summary>Drops every TLB entry of this CPU, global ones and those of every PCID included.</summary>
        public static void FlushEverythingHere()
        {
            ulong cr4 = Cpu.ReadCr4();
            if ((cr4 & Cr4GlobalPages) != 0)
            {
                Cpu.WriteCr4(cr4 & ~Cr4GlobalPages);
                Cpu.WriteCr4(cr4);
            }
            else
            {
                Cpu.WriteCr3(Cpu.ReadCr3());
            }
        }

        private static string OnOff(bool on) => on ? "on" : "off (not supported)";
    }
}
