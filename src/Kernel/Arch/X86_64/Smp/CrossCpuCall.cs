// Synchronous cross-CPU calls: run function(argument) on another CPU (or on every other online CPU) and
// wait until each has returned from it. One call is in flight at a time (a global lock); the caller
// publishes the function, sets each target's pending flag and sends vector 0xF3; the target runs the
// function in its IPI handler (interrupts off) and clears its flag.
// Deadlock rules: the caller holds interrupts off from taking the lock to the last acknowledgement, and
// while it spins for the lock it runs any call aimed at itself, so two CPUs calling each other at once both
// complete, and calling with interrupts already off is allowed. Calling while holding a ticket lock is
// allowed too: a target spinning for that lock with interrupts off services its pending call from the spin
// loop (TicketLock's wait hook is ServicePending). A call must NOT be made from inside a cross-call
// function (panics: the caller would wait for itself), nor while a target spins with interrupts off in a
// loop that does not service calls. Functions run in interrupt context on the target: they must be short
// and must not allocate, block, take locks or cross-call.
using System.Threading;
using MinimalOS.Kernel.Arch.X86_64.Apic;
using MinimalOS.Kernel.Arch.X86_64.Interrupts;
using MinimalOS.Kernel.Logging;

namespace MinimalOS.Kernel.Arch.X86_64.Smp
{
    internal static unsafe class CrossCpuCall
    {
        public const byte Vector = 0xF3;

        // A target that has not answered after this long is hung with interrupts off: a kernel bug.
        private const ulong AnswerTimeoutNanoseconds = 5_000_000_000;

        private static int s_lockOwner;
        private static delegate*<nint, void> s_function;
        private static nint s_argument;
        private static PerCpuFlags s_pending;
        private static PerCpuFlags s_running;
        private static PerCpuCounts s_completed;

        private struct PerCpuFlags
        {
            public fixed int Entries[CpuLocals.MaxCpus];
        }

        private struct PerCpuCounts
        {
            public fixed ulong Entries[CpuLocals.MaxCpus];
        }

        /// <summary>Registers the IPI vector; once, on the boot CPU, before any AP starts.</summary>
        public static bool Initialize() => InterruptVectors.Register(Vector, &OnInterrupt);

        /// <summary>Calls this CPU completed for others (tests).</summary>
        public static ulong CompletedOn(int cpuIndex)
        {
            if ((uint)cpuIndex >= CpuLocals.MaxCpus)
                return 0;
            fixed (ulong* counts = s_completed.Entries)
                return counts[cpuIndex];
        }

        /// <summary>
        /// Runs <paramref name="function"/>(<paramref name="argument"/>) on CPU <paramref name="cpuIndex"/> and
        /// waits for it (on the calling CPU it runs directly, with interrupts off as elsewhere). False when that
        /// CPU is not online.
        /// </summary>
        public static bool RunOn(int cpuIndex, delegate*<nint, void> function, nint argument)
        {
            int self = ThisCpu.Index;
            if (cpuIndex == self)
            {
                bool interruptsWereOn = Cpu.DisableInterruptsSaving();
                function(argument);
                Cpu.RestoreInterrupts(interruptsWereOn);
                return true;
            }
            if (!OnlineCpus.IsOnline(cpuIndex))
                return false;
            Run(1UL << cpuIndex, function, argument, self);
            return true;
        }

        /// <summary>Runs the function on every online CPU except the calling one and waits for all of them.</summary>
        public static void RunOnOthers(delegate*<nint, void> function, nint argument)
        {
            int self = ThisCpu.Index;
            ulong targets = OnlineCpus.Mask & ~SelfBit(self);
            if (targets != 0)
                Run(targets, function, argument, self);
        }

        /// <summary>Runs a call aimed at this CPU, if one is waiting: for loops that spin with interrupts off.</summary>
        public static void ServicePending() => Service(ThisCpu.Index);

        private static void Run(ulong targets, delegate*<nint, void> function, nint argument, int self)
        {
            bool interruptsWereOn = Cpu.DisableInterruptsSaving();
            if (IsRunningCall(self))
                Diagnostics.Panic.Halt("smp: a cross-CPU call was made from inside a cross-CPU call function");
            int owner = self + 1;
            while (Interlocked.CompareExchange(ref s_lockOwner, owner, 0) != 0)
            {
                Service(self);
                Cpu.Pause();
            }
            s_function = function;
            s_argument = argument;
            fixed (int* pending = s_pending.Entries)
            {
                for (int cpu = 0; cpu < CpuLocals.MaxCpus; cpu++)
                {
                    if ((targets & (1UL << cpu)) != 0)
                        pending[cpu] = 1;
                }
                for (int cpu = 0; cpu < CpuLocals.MaxCpus; cpu++)
                {
                    if ((targets & (1UL << cpu)) != 0 && !LocalApicIpi.SendFixed(OnlineCpus.ApicId(cpu), Vector))
                        Log.Error("smp", $"cross-CPU call IPI to CPU {cpu} was not delivered; waiting for it anyway");
                }
                WaitForAnswers(pending, targets);
            }
            s_function = null;
            Interlocked.CompareExchange(ref s_lockOwner, 0, owner);
            Cpu.RestoreInterrupts(interruptsWereOn);
        }

        private static void WaitForAnswers(int* pending, ulong targets)
        {
            ulong deadline = TscClock.Nanoseconds() + AnswerTimeoutNanoseconds;
            for (int cpu = 0; cpu < CpuLocals.MaxCpus; cpu++)
            {
                if ((targets & (1UL << cpu)) == 0)
                    continue;
                while (Volatile.Read(ref pending[cpu]) != 0)
                {
                    if (TscClock.Nanoseconds() > deadline)
                    {
                        Log.Fatal("smp", $"CPU {cpu} did not run a cross-CPU call within {AnswerTimeoutNanoseconds / 1_000_000} ms");
                        Diagnostics.Panic.Halt("smp: a CPU stopped answering cross-CPU calls");
                    }
                    Cpu.Pause();
                }
            }
        }

        private static void Service(int self)
        {
            if ((uint)self >= CpuLocals.MaxCpus)
                return;
            fixed (int* pending = s_pending.Entries)
            fixed (int* running = s_running.Entries)
            fixed (ulong* completed = s_completed.Entries)
            {
                if (Volatile.Read(ref pending[self]) == 0 || running[self] != 0)
                    return;
                running[self] = 1;
                s_function(s_argument);
                running[self] = 0;
                completed[self]++;
                // Last: the caller may reuse the function slot as soon as it sees the flag clear.
                pending[self] = 0;
            }
        }

        private static void OnInterrupt(ref InterruptFrame frame)
        {
            Service(ThisCpu.Index);
            LocalApic.EndOfInterrupt();
        }

        private static bool IsRunningCall(int self)
        {
            if ((uint)self >= CpuLocals.MaxCpus)
                return false;
            fixed (int* running = s_running.Entries)
                return running[self] != 0;
        }

        private static ulong SelfBit(int self) => (uint)self < CpuLocals.MaxCpus ? 1UL << self : 0;
    }
}
