// The local APIC of each CPU behind one interface for both access modes: xAPIC (registers in a 4 KiB MMIO
// page, mapped once into the MMIO window; every CPU sees its own APIC at the same address) and x2APIC
// (the same registers as MSRs 0x800 + offset/16, chosen when CPUID.1:ECX bit 21 offers it). Each CPU calls
// InitializeThisCpu: it enables its APIC (software enable bit + spurious vector), sets TPR 0 and records
// its APIC id -> CPU index. Must never be used before InitializeThisCpu ran on the calling CPU.
using MinimalOS.Kernel.Arch.X86_64.Interrupts;
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Arch.X86_64.Apic
{
    internal static unsafe class LocalApic
    {
        public const byte SpuriousVector = 0xFF;

        public const uint IdRegister = 0x020;
        public const uint VersionRegister = 0x030;
        public const uint TaskPriorityRegister = 0x080;
        public const uint EndOfInterruptRegister = 0x0B0;
        public const uint SpuriousRegister = 0x0F0;
        public const uint ErrorStatusRegister = 0x280;
        public const uint TimerLvtRegister = 0x320;
        public const uint TimerInitialCountRegister = 0x380;
        public const uint TimerCurrentCountRegister = 0x390;
        public const uint TimerDivideRegister = 0x3E0;

        private const uint ApicBaseMsr = 0x1B;
        private const ulong ApicBaseGlobalEnable = 1UL << 11;
        private const ulong ApicBaseX2ApicEnable = 1UL << 10;
        private const ulong ApicBaseAddressMask = 0x000F_FFFF_FFFF_F000;
        private const uint X2ApicMsrBase = 0x800;
        private const uint SoftwareEnable = 1u << 8;
        private const uint CpuIdFeatureX2Apic = 1u << 21;
        private const uint CpuIdFeatureApic = 1u << 9;
        private const int MaxApicIds = 256;
        private const byte NoCpu = 0xFF;

        // volatile: every register access must reach the device, never a value the compiler kept from before.
        private static volatile byte* s_registers;
        private static ulong s_spurious;
        private static CpuIndexTable s_cpuByApicId;
        private static bool s_cpuTableReady;

        private struct CpuIndexTable
        {
            public fixed byte Entries[MaxApicIds];
        }

        public static LocalApicMode Mode { get; private set; }

        /// <summary>Spurious interrupts seen (vector 0xFF; they need no EOI).</summary>
        public static ulong SpuriousCount => s_spurious;

        /// <summary>
        /// Enables this CPU's local APIC as CPU <paramref name="cpuIndex"/>: x2APIC when offered, otherwise
        /// xAPIC through the MMIO window. False (logged) when the CPU has no APIC or its registers cannot be mapped.
        /// </summary>
        public static bool InitializeThisCpu(int cpuIndex)
        {
            uint* regs = stackalloc uint[4];
            Cpu.CpuId(1, 0, regs);
            if ((regs[3] & CpuIdFeatureApic) == 0)
            {
                Log.Error("apic", $"this CPU has no local APIC (CPUID.1:EDX bit 9 clear): no timer, no routed interrupts");
                return false;
            }
            bool x2 = (regs[2] & CpuIdFeatureX2Apic) != 0;
            ulong baseMsr = Cpu.ReadMsr(ApicBaseMsr);
            // x2APIC may only be entered from the enabled xAPIC state, so set the global enable first.
            baseMsr |= ApicBaseGlobalEnable;
            Cpu.WriteMsr(ApicBaseMsr, baseMsr);
            if (x2)
            {
                Cpu.WriteMsr(ApicBaseMsr, baseMsr | ApicBaseX2ApicEnable);
                Mode = LocalApicMode.X2Apic;
            }
            else
            {
                if (s_registers == null)
                    s_registers = MmioWindow.Map(new PhysicalAddress(baseMsr & ApicBaseAddressMask), PageSize.Small, "local APIC");
                if (s_registers == null)
                    return false;
                Mode = LocalApicMode.XApic;
            }
            if (!s_cpuTableReady)
            {
                for (int i = 0; i < MaxApicIds; i++)
                    s_cpuByApicId.Entries[i] = NoCpu;
                InterruptVectors.Register(SpuriousVector, &OnSpurious);
                s_cpuTableReady = true;
            }
            uint id = Id;
            if (id >= MaxApicIds || cpuIndex >= CpuLocals.MaxCpus)
            {
                Log.Error("apic", $"APIC id {id} / CPU {cpuIndex} is beyond the per-CPU tables: this CPU stays without APIC services");
                return false;
            }
            s_cpuByApicId.Entries[id] = (byte)cpuIndex;
            Write(TaskPriorityRegister, 0);
            Write(SpuriousRegister, SoftwareEnable | SpuriousVector);
            Log.Info("apic", $"CPU {cpuIndex}: local APIC id {id} in {(x2 ? "x2APIC (MSR)" : "xAPIC (MMIO)")} mode, version 0x{Read(VersionRegister) & 0xFF:x}, base 0x{baseMsr & ApicBaseAddressMask:x}");
            return true;
        }

        /// <summary>This CPU's APIC id (8 bits in xAPIC mode, 32 in x2APIC mode).</summary>
        public static uint Id => Mode == LocalApicMode.X2Apic ? Read(IdRegister) : Read(IdRegister) >> 24;

        /// <summary>The index of the calling CPU (as given to InitializeThisCpu), found through its APIC id.</summary>
        public static int CurrentCpuIndex
        {
            get
            {
                uint id = Id;
                return id < MaxApicIds ? s_cpuByApicId.Entries[id] : NoCpu;
            }
        }

        /// <summary>Signals the end of the interrupt being handled, so the APIC delivers the next one of equal or lower priority.</summary>
        public static void EndOfInterrupt() => Write(EndOfInterruptRegister, 0);

        public static uint Read(uint offset) => Mode == LocalApicMode.X2Apic
            ? (uint)Cpu.ReadMsr(X2ApicMsrBase + (offset >> 4))
            : *(uint*)(s_registers + offset);

        public static void Write(uint offset, uint value)
        {
            if (Mode == LocalApicMode.X2Apic)
                Cpu.WriteMsr(X2ApicMsrBase + (offset >> 4), value);
            else
                *(uint*)(s_registers + offset) = value;
        }

        private static void OnSpurious(ref InterruptFrame frame) => s_spurious++;
    }
}
