// Kernel tests of the per-CPU data reached through GS: the boot CPU's GS base points at its own CpuLocal,
// the fields this_cpu.asm reads sit at the offsets it assumes, and an interrupt (which must leave GS alone
// when it comes from ring 0) does not disturb it.
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Arch.X86_64.Interrupts;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class ThisCpuTests
    {
        private const uint GsBaseMsr = 0xC0000101;
        private const uint KernelGsBaseMsr = 0xC0000102;
        private const byte UnusedVector = 0xE7;

        public static void Register(KernelTestList tests)
        {
            tests.Add("ThisCpu.BootCpuGsPointsAtItsCpuLocal", &BootCpuGsPointsAtItsCpuLocal);
            tests.Add("ThisCpu.FieldOffsetsMatchTheAssembly", &FieldOffsetsMatchTheAssembly);
            tests.Add("ThisCpu.SurvivesAnInterruptFromRing0", &SurvivesAnInterruptFromRing0);
        }

        private static void BootCpuGsPointsAtItsCpuLocal()
        {
            CpuLocal* local = ThisCpu.Local;
            Expect.True(local != null, "GS base is set");
            Expect.True(local == CpuLocals.Get(0), "the boot CPU's GS base is CPU 0's CpuLocal page");
            Expect.Equal(0L, ThisCpu.Index, "the boot CPU's index");
            Expect.Equal((ulong)local, Cpu.ReadMsr(GsBaseMsr), "IA32_GS_BASE holds the CpuLocal address");
            Expect.Equal(0UL, Cpu.ReadMsr(KernelGsBaseMsr), "the user GS base (swapped in by SWAPGS) is 0");
        }

        private static void FieldOffsetsMatchTheAssembly()
        {
            CpuLocal* local = ThisCpu.Local;
            Expect.Equal(0L, (long)((byte*)&local->Self - (byte*)local), "Self offset (this_cpu.asm CPU_LOCAL_SELF)");
            Expect.Equal(8L, (long)((byte*)&local->Index - (byte*)local), "Index offset (CPU_LOCAL_INDEX)");
            Expect.Equal(16L, (long)((byte*)&local->Scheduler - (byte*)local), "Scheduler offset (CPU_LOCAL_SCHEDULER)");
            Expect.Equal(24L, (long)((byte*)&local->KernelStackTop - (byte*)local), "KernelStackTop offset (syscall_entry.asm, interrupt_entry.asm CPU_LOCAL_KERNEL_STACK_TOP)");
            Expect.Equal(32L, (long)((byte*)&local->UserStackScratch - (byte*)local), "UserStackScratch offset (syscall_entry.asm CPU_LOCAL_USER_STACK)");
            Expect.Equal(48L, (long)((byte*)&local->CurrentThreadOwner - (byte*)local), "CurrentThreadOwner offset (this_cpu.asm CPU_LOCAL_THREAD_OWNER)");
        }

        private static void SurvivesAnInterruptFromRing0()
        {
            ulong before = Cpu.ReadMsr(GsBaseMsr);
            Expect.True(InterruptVectors.Raise(UnusedVector), "raised");
            Expect.Equal(before, Cpu.ReadMsr(GsBaseMsr), "GS base after a software interrupt from ring 0");
            Expect.True(ThisCpu.Local == CpuLocals.Get(0), "ThisCpu still finds CPU 0");
        }
    }
}
