// The host tests' KernelSpinLock: real mutual exclusion between the simulated CPUs (which are host
// threads), owned by a simulated CPU rather than a host thread, because the scheduler hands its lock over
// a context switch to the flow that runs next on the same CPU. Like the kernel's debug build it refuses a
// second acquire by the owning CPU and a release by another CPU. Never used by the kernel.
global using KernelSpinLock = MinimalOS.Tests.Host.Scheduling.Simulation.HostSpinLock;

using System;
using System.Threading;
using MinimalOS.Kernel.Scheduling;

namespace MinimalOS.Tests.Host.Scheduling.Simulation
{
    internal sealed class HostSpinLock
    {
        private const int Free = -1;
        private int _owner = Free;
        private bool _restoreInterrupts;

        public HostSpinLock(string name) => Name = name;

        public string Name { get; }

        public void Acquire()
        {
            bool interrupts = SchedulerCpu.DisableInterruptsSaving();
            AcquireWithInterruptsOff();
            _restoreInterrupts = interrupts;
        }

        public void Release()
        {
            bool interrupts = _restoreInterrupts;
            ReleaseWithInterruptsOff();
            SchedulerCpu.RestoreInterrupts(interrupts);
        }

        public void AcquireWithInterruptsOff()
        {
            int cpu = SchedulerCpu.ThisCpuIndex();
            if (Volatile.Read(ref _owner) == cpu)
                throw new InvalidOperationException($"lock {Name}: acquired again by CPU {cpu}, which holds it");
            var spin = new SpinWait();
            while (Interlocked.CompareExchange(ref _owner, cpu, Free) != Free)
                spin.SpinOnce();
        }

        public bool TryAcquireWithInterruptsOff() =>
            Interlocked.CompareExchange(ref _owner, SchedulerCpu.ThisCpuIndex(), Free) == Free;

        public void ReleaseWithInterruptsOff()
        {
            int cpu = SchedulerCpu.ThisCpuIndex();
            if (Interlocked.CompareExchange(ref _owner, Free, cpu) != cpu)
                throw new InvalidOperationException($"lock {Name}: released by CPU {cpu}, which does not hold it");
        }
    }
}
