// The host tests' side of SchedulerCpu (declared in src/Kernel/Scheduling): every member forwards to the
// SimulatedMachine; a panic becomes an exception the test sees. Never used by the kernel.
using System;
using MinimalOS.Tests.Host.Scheduling.Simulation;

namespace MinimalOS.Kernel.Scheduling
{
    internal static unsafe partial class SchedulerCpu
    {
        public static partial int CpuLimit => SimulatedMachine.CpuCount;

        public static partial bool DisableInterruptsSaving() => SimulatedMachine.DisableInterruptsSaving();

        public static partial void RestoreInterrupts(bool enabled)
        {
            if (enabled)
                SimulatedMachine.EnableInterrupts();
        }

        public static partial void DisableInterrupts() => SimulatedMachine.DisableInterrupts();

        public static partial void EnableInterrupts() => SimulatedMachine.EnableInterrupts();

        public static partial void EnableInterruptsAndHalt() => SimulatedMachine.EnableInterruptsAndHalt();

        public static partial int ThisCpuIndex() => SimulatedMachine.ThisCpuIndex();

        public static partial Processor ThisProcessor() => SimulatedMachine.ThisProcessor();

        public static partial nint CurrentThreadOwner() => SimulatedMachine.ThisProcessor()?.Current?.Owner ?? 0;

        public static partial void PublishThisProcessor(Processor self) => SimulatedMachine.Publish(self);

        public static partial void SwitchContext(ulong* saveStackPointer, ulong loadStackPointer, byte* saveFpu, byte* loadFpu) =>
            SimulatedMachine.SwitchContext(saveStackPointer, loadStackPointer);

        public static partial ulong Nanoseconds() => SimulatedMachine.Now;

        public static partial void ArmTimer(ulong nanoseconds) => SimulatedMachine.ArmTimer(nanoseconds);

        public static partial void StopTimer() => SimulatedMachine.StopTimer();

        public static partial void SendReschedule(int cpu) => SimulatedMachine.SendReschedule(cpu);

        public static partial void AttachInterrupts(delegate*<void> onTimer, delegate*<void> onReschedule, delegate*<void> onInterruptExit) =>
            SimulatedMachine.AttachInterrupts(onTimer, onReschedule, onInterruptExit);

        public static partial void Panic(string reason) => throw new InvalidOperationException(reason);

        // The simulated machine has one address space and no ring 3.
        public static partial void LoadThreadContext(Threads.Thread next) { }
    }
}
