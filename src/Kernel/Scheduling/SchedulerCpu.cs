// What the scheduler needs from the CPU it runs on, and nothing more: the interrupt flag, this CPU's index
// and Processor, the context switch (and the next thread's address space and entry stack), the one-shot
// timer, the reschedule IPI, the monotonic clock, halting, the interrupt hooks and the panic. Declared here as partial methods; each build supplies exactly one
// implementation: Arch/X86_64/Threads/SchedulerCpu.cs in the kernel, a simulated machine in
// tests/Host. The compiler binds the calls, so the kernel pays no interface dispatch on the switch path.
// Must never hold scheduling policy: every decision is the Scheduler's.
namespace MinimalOS.Kernel.Scheduling
{
    internal static unsafe partial class SchedulerCpu
    {
        /// <summary>How many CPU indexes there can be (0 to CpuLimit - 1).</summary>
        public static partial int CpuLimit { get; }

        /// <summary>Disables interrupts on this CPU; returns whether they were enabled.</summary>
        public static partial bool DisableInterruptsSaving();

        /// <summary>Re-enables interrupts if <paramref name="enabled"/> (what DisableInterruptsSaving returned).</summary>
        public static partial void RestoreInterrupts(bool enabled);

        public static partial void DisableInterrupts();

        public static partial void EnableInterrupts();

        /// <summary>Enables interrupts and halts until the next one, with no window between the two.</summary>
        public static partial void EnableInterruptsAndHalt();

        /// <summary>The calling CPU's index (0 = the boot CPU).</summary>
        public static partial int ThisCpuIndex();

        /// <summary>The calling CPU's Processor (null until PublishThisProcessor); one load, no lock.</summary>
        public static partial Processor ThisProcessor();

        /// <summary>The running thread's Owner (its kernel object, 0 for a kernel thread), read without disabling interrupts.</summary>
        public static partial nint CurrentThreadOwner();

        /// <summary>Makes <paramref name="self"/> what ThisProcessor returns on the calling CPU.</summary>
        public static partial void PublishThisProcessor(Processor self);

        /// <summary>
        /// Saves the running flow's callee-saved state and stack pointer (to *<paramref name="saveStackPointer"/>)
        /// and FPU state, then resumes the flow saved at <paramref name="loadStackPointer"/>. Returns when
        /// the saved flow is resumed, on whichever CPU. Interrupts off.
        /// </summary>
        public static partial void SwitchContext(ulong* saveStackPointer, ulong loadStackPointer, byte* saveFpu, byte* loadFpu);

        /// <summary>Monotonic nanoseconds, the clock every deadline is measured on.</summary>
        public static partial ulong Nanoseconds();

        /// <summary>Arms this CPU's one-shot timer to fire no earlier than <paramref name="nanoseconds"/> from now.</summary>
        public static partial void ArmTimer(ulong nanoseconds);

        /// <summary>Stops this CPU's one-shot timer.</summary>
        public static partial void StopTimer();

        /// <summary>Interrupts CPU <paramref name="cpu"/> so that it looks at its run queue when the interrupt returns.</summary>
        public static partial void SendReschedule(int cpu);

        /// <summary>
        /// Connects the scheduler to the interrupts: <paramref name="onTimer"/> runs when this CPU's one-shot
        /// timer fires, <paramref name="onReschedule"/> when a reschedule interrupt arrives, and
        /// <paramref name="onInterruptExit"/> as every interrupt returns (after its EOI, interrupts off, on
        /// the interrupted thread's stack), where the switch may happen.
        /// </summary>
        public static partial void AttachInterrupts(delegate*<void> onTimer, delegate*<void> onReschedule, delegate*<void> onInterruptExit);

        /// <summary>Stops the kernel with <paramref name="reason"/>; never returns.</summary>
        public static partial void Panic(string reason);

        /// <summary>Right before switching to <paramref name="next"/> (interrupts off, lock held): its address space and kernel-entry stack.</summary>
        public static partial void LoadThreadContext(Threads.Thread next);
    }
}
