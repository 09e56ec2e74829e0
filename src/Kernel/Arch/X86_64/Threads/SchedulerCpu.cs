// The x86_64 side of SchedulerCpu (declared in src/Kernel/Scheduling, hence that namespace): RFLAGS.IF,
// the GS-relative CpuLocal, context_switch.asm, the LAPIC one-shot timer, the reschedule IPI and the TSC
// clock. Each member is one call into the primitive it names, so the compiler inlines it into the
// scheduler; nothing here decides anything.
using System.Runtime;
using System.Runtime.CompilerServices;
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Arch.X86_64.Apic;
using MinimalOS.Kernel.Arch.X86_64.Interrupts;
using MinimalOS.Kernel.Arch.X86_64.Smp;

namespace MinimalOS.Kernel.Scheduling
{
    internal static unsafe partial class SchedulerCpu
    {
        private static delegate*<void> s_onTimer;

        [RuntimeImport("*", "context_switch")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void ContextSwitch(ulong* saveStackPointer, ulong loadStackPointer, byte* saveFpu, byte* loadFpu);

        [RuntimeImport("*", "this_cpu_scheduler")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern Processor ThisProcessorFromGs();

        public static partial int CpuLimit => CpuLocals.MaxCpus;

        public static partial bool DisableInterruptsSaving() => Cpu.DisableInterruptsSaving();

        public static partial void RestoreInterrupts(bool enabled) => Cpu.RestoreInterrupts(enabled);

        public static partial void DisableInterrupts() => Cpu.DisableInterrupts();

        public static partial void EnableInterrupts() => Cpu.EnableInterrupts();

        public static partial void EnableInterruptsAndHalt() => Cpu.EnableInterruptsAndHalt();

        public static partial int ThisCpuIndex() => ThisCpu.Index;

        public static partial Processor ThisProcessor() => ThisProcessorFromGs();

        [RuntimeImport("*", "this_cpu_thread_owner")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern nint ThreadOwnerFromGs();

        public static partial nint CurrentThreadOwner() => ThreadOwnerFromGs();

        public static partial void PublishThisProcessor(Processor self)
        {
            Processor reference = self;
            ThisCpu.Local->Scheduler = Unsafe.As<Processor, nint>(ref reference);
        }

        public static partial void SwitchContext(ulong* saveStackPointer, ulong loadStackPointer, byte* saveFpu, byte* loadFpu) =>
            ContextSwitch(saveStackPointer, loadStackPointer, saveFpu, loadFpu);

        public static partial ulong Nanoseconds() => TscClock.Nanoseconds();

        public static partial void ArmTimer(ulong nanoseconds) => LocalApicTimer.ArmOneShot(nanoseconds);

        public static partial void StopTimer() => LocalApicTimer.Stop();

        public static partial void SendReschedule(int cpu) => RescheduleIpi.Send(cpu);

        public static partial void AttachInterrupts(delegate*<void> onTimer, delegate*<void> onReschedule, delegate*<void> onInterruptExit)
        {
            s_onTimer = onTimer;
            LocalApicTimer.SetHandler(&OnTimerInterrupt);
            InterruptVectors.SetExitHook(onInterruptExit);
            RescheduleIpi.SetHandler(onReschedule);
        }

        public static partial void Panic(string reason) => Diagnostics.Panic.Halt(reason);

        private static void OnTimerInterrupt(ref InterruptFrame frame) => s_onTimer();

        // The first code of every new thread: context_thread_trampoline calls it with interrupts off and
        // the CPU's scheduler lock held (handed over by the switch).
        [RuntimeExport("scheduler_thread_start")]
        private static void ThreadStartFromTrampoline() => Scheduler.ThreadStart();

        // A user thread's kernel-entry stack (TSS.RSP0 for interrupts from ring 3, CpuLocal.KernelStackTop for
        // SYSCALL) and its address space; a kernel thread runs on the kernel's.
        public static partial void LoadThreadContext(Threads.Thread next)
        {
            CpuLocal* local = ThisCpu.Local;
            local->CurrentThreadOwner = next.Owner;
            if (next.UserFrameTop != 0)
            {
                local->KernelStackTop = next.UserFrameTop;
                local->Tss.Rsp0 = next.UserFrameTop;
            }
            if (next.UserSpace != 0)
            {
                var space = (Objects.AddressSpaceControl*)next.UserSpace;
                UserSpaceSwitch.Load(&space->Tlb, space->Root);
            }
            else
            {
                UserSpaceSwitch.LoadKernel();
            }
        }
    }
}
