// The x86_64 instructions the kernel needs, as C# calls into Native/cpu.asm. Only thin wrappers live here;
// anything with logic belongs to the subsystem that uses it.
using System.Runtime;
using System.Runtime.CompilerServices;

namespace MinimalOS.Kernel.Arch.X86_64
{
    internal static unsafe class Cpu
    {
        [RuntimeImport("*", "cpu_inb")][MethodImpl(MethodImplOptions.InternalCall)] public static extern byte InByte(ushort port);
        [RuntimeImport("*", "cpu_inw")][MethodImpl(MethodImplOptions.InternalCall)] public static extern ushort InWord(ushort port);
        [RuntimeImport("*", "cpu_ind")][MethodImpl(MethodImplOptions.InternalCall)] public static extern uint InDword(ushort port);
        [RuntimeImport("*", "cpu_outb")][MethodImpl(MethodImplOptions.InternalCall)] public static extern void OutByte(ushort port, byte value);
        [RuntimeImport("*", "cpu_outw")][MethodImpl(MethodImplOptions.InternalCall)] public static extern void OutWord(ushort port, ushort value);
        [RuntimeImport("*", "cpu_outd")][MethodImpl(MethodImplOptions.InternalCall)] public static extern void OutDword(ushort port, uint value);
        [RuntimeImport("*", "cpu_halt")][MethodImpl(MethodImplOptions.InternalCall)] public static extern void Halt();
        [RuntimeImport("*", "cpu_disable_interrupts")][MethodImpl(MethodImplOptions.InternalCall)] public static extern void DisableInterrupts();
        /// <summary>Disables interrupts and says whether they were enabled (one call: the lock and scheduler fast paths use it).</summary>
        [RuntimeImport("*", "cpu_disable_interrupts_saving")][MethodImpl(MethodImplOptions.InternalCall)] public static extern bool DisableInterruptsSaving();
        [RuntimeImport("*", "cpu_enable_interrupts")][MethodImpl(MethodImplOptions.InternalCall)] public static extern void EnableInterrupts();
        [RuntimeImport("*", "cpu_enable_interrupts_and_halt")][MethodImpl(MethodImplOptions.InternalCall)] public static extern void EnableInterruptsAndHalt();
        [RuntimeImport("*", "cpu_pause")][MethodImpl(MethodImplOptions.InternalCall)] public static extern void Pause();
        [RuntimeImport("*", "cpu_read_cr0")][MethodImpl(MethodImplOptions.InternalCall)] public static extern ulong ReadCr0();
        [RuntimeImport("*", "cpu_read_cr2")][MethodImpl(MethodImplOptions.InternalCall)] public static extern ulong ReadCr2();
        [RuntimeImport("*", "cpu_read_cr3")][MethodImpl(MethodImplOptions.InternalCall)] public static extern ulong ReadCr3();
        [RuntimeImport("*", "cpu_read_cr4")][MethodImpl(MethodImplOptions.InternalCall)] public static extern ulong ReadCr4();
        [RuntimeImport("*", "cpu_write_cr0")][MethodImpl(MethodImplOptions.InternalCall)] public static extern void WriteCr0(ulong value);
        [RuntimeImport("*", "cpu_write_cr3")][MethodImpl(MethodImplOptions.InternalCall)] public static extern void WriteCr3(ulong value);
        [RuntimeImport("*", "cpu_write_cr4")][MethodImpl(MethodImplOptions.InternalCall)] public static extern void WriteCr4(ulong value);
        [RuntimeImport("*", "cpu_invlpg")][MethodImpl(MethodImplOptions.InternalCall)] public static extern void InvalidatePage(ulong virtualAddress);
        [RuntimeImport("*", "cpu_read_rflags")][MethodImpl(MethodImplOptions.InternalCall)] public static extern ulong ReadRflags();
        [RuntimeImport("*", "cpu_read_mxcsr")][MethodImpl(MethodImplOptions.InternalCall)] public static extern uint ReadMxcsr();
        [RuntimeImport("*", "cpu_write_mxcsr")][MethodImpl(MethodImplOptions.InternalCall)] public static extern void WriteMxcsr(uint value);
        [RuntimeImport("*", "cpu_rdtsc")][MethodImpl(MethodImplOptions.InternalCall)] public static extern ulong ReadTimestampCounter();
        [RuntimeImport("*", "cpu_rdmsr")][MethodImpl(MethodImplOptions.InternalCall)] public static extern ulong ReadMsr(uint msr);
        [RuntimeImport("*", "cpu_wrmsr")][MethodImpl(MethodImplOptions.InternalCall)] public static extern void WriteMsr(uint msr, ulong value);
        [RuntimeImport("*", "cpu_cpuid")][MethodImpl(MethodImplOptions.InternalCall)] public static extern void CpuId(uint leaf, uint subleaf, uint* registers);
        [RuntimeImport("*", "cpu_xgetbv")][MethodImpl(MethodImplOptions.InternalCall)] public static extern ulong ReadExtendedControlRegister(uint register);
        [RuntimeImport("*", "cpu_xsetbv")][MethodImpl(MethodImplOptions.InternalCall)] public static extern void WriteExtendedControlRegister(uint register, ulong value);
        [RuntimeImport("*", "cpu_frame_pointer")][MethodImpl(MethodImplOptions.InternalCall)] public static extern ulong FramePointer();
        [RuntimeImport("*", "cpu_stack_pointer")][MethodImpl(MethodImplOptions.InternalCall)] public static extern ulong StackPointer();
        [RuntimeImport("*", "cpu_breakpoint")][MethodImpl(MethodImplOptions.InternalCall)] public static extern void Breakpoint();
        [RuntimeImport("*", "cpu_undefined_instruction")][MethodImpl(MethodImplOptions.InternalCall)] public static extern void UndefinedInstruction();

        /// <summary>Whether interrupts are enabled on this CPU (RFLAGS.IF).</summary>
        public static bool InterruptsEnabled => (ReadRflags() & (1UL << 9)) != 0;

        /// <summary>Re-enables interrupts if <paramref name="enabled"/> (what DisableInterruptsSaving returned).</summary>
        public static void RestoreInterrupts(bool enabled)
        {
            if (enabled)
                EnableInterrupts();
        }

        /// <summary>Stops this CPU for good: interrupts off, then halt forever.</summary>
        public static void HaltForever()
        {
            DisableInterrupts();
            while (true)
                Halt();
        }

        /// <summary>Idles this CPU for good with interrupts on: each interrupt wakes it, runs, and it sleeps again.</summary>
        public static void IdleForever()
        {
            while (true)
                EnableInterruptsAndHalt();
        }
    }
}
