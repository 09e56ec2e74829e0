// The CPU's page-protection switches, enabled as far as CPUID reports them: EFER.NXE (no-execute bits),
// CR0.WP (the kernel honours read-only pages), CR4.SMEP (the kernel never executes user pages) and
// CR4.SMAP (the kernel never touches user pages outside stac/clac; there are no user pages yet). Each
// switch is read back from the CPU, never assumed.
using MinimalOS.Kernel.Logging;

namespace MinimalOS.Kernel.Arch.X86_64
{
    internal static unsafe class PagingProtections
    {
        public const uint EferMsr = 0xC000_0080;
        public const ulong EferNoExecuteEnable = 1UL << 11;
        public const ulong Cr0WriteProtect = 1UL << 16;
        public const ulong Cr4Smep = 1UL << 20;
        public const ulong Cr4Smap = 1UL << 21;

        public static bool NoExecuteSupported
        {
            get
            {
                uint* registers = stackalloc uint[4];
                Cpu.CpuId(0x8000_0000, 0, registers);
                if (registers[0] < 0x8000_0001)
                    return false;
                Cpu.CpuId(0x8000_0001, 0, registers);
                return (registers[3] & (1u << 20)) != 0;
            }
        }

        /// <summary>Must run before any page table holding NoExecute bits is live: without EFER.NXE the bit is reserved.</summary>
        public static void EnableNoExecute()
        {
            if (!NoExecuteSupported)
            {
                Log.Warn("paging", $"CPU has no NX: every mapping is executable");
                return;
            }
            Cpu.WriteMsr(EferMsr, Cpu.ReadMsr(EferMsr) | EferNoExecuteEnable);
        }

        /// <summary>WP, SMEP and SMAP: run once the kernel's own page tables are live.</summary>
        public static void EnableSupervisorProtections()
        {
            Cpu.WriteCr0(Cpu.ReadCr0() | Cr0WriteProtect);
            uint* registers = stackalloc uint[4];
            Cpu.CpuId(0, 0, registers);
            ulong cr4 = Cpu.ReadCr4();
            if (registers[0] >= 7)
            {
                Cpu.CpuId(7, 0, registers);
                if ((registers[1] & (1u << 7)) != 0)
                    cr4 |= Cr4Smep;
                if ((registers[1] & (1u << 20)) != 0)
                    cr4 |= Cr4Smap;
            }
            Cpu.WriteCr4(cr4);
            if ((cr4 & Cr4Smap) != 0)
                UserMemory.UserCopy.EnableSmap();
            ulong efer = Cpu.ReadMsr(EferMsr);
            cr4 = Cpu.ReadCr4();
            Log.Info("paging", $"protections: NX {OnOff((efer & EferNoExecuteEnable) != 0)}, WP {OnOff((Cpu.ReadCr0() & Cr0WriteProtect) != 0)}, SMEP {OnOff((cr4 & Cr4Smep) != 0)}, SMAP {OnOff((cr4 & Cr4Smap) != 0)}");
        }

        private static string OnOff(bool on) => on ? "on" : "off (not supported)";
    }
}
