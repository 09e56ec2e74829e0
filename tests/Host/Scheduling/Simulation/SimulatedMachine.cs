// A small multiprocessor for host tests of the scheduler: what SchedulerCpu and ThreadCpu do on real
// hardware, done with host threads. Every kernel thread runs on a host thread of its own, and a context
// switch hands the CPU from one host thread to the next (the one switched out waits until something switches
// back to it), so the scheduler's code runs unchanged, stacks and lock hand-over included. Each simulated
// CPU has an interrupt flag, a one-shot timer and a pending reschedule interrupt; interrupts are taken
// where real ones would be at the latest: when a CPU enables interrupts or halts. Time is virtual: it moves
// only when a test advances it, or when a CPU halts with its timer armed (it jumps to the deadline, as if
// the CPU had slept until then). Its host threads wait without a bound (an idle CPU may halt for as long as
// no test needs it); a test that hangs fails on SimulatedKernel's timeout. Never used by the kernel.
using System;
using System.Collections.Generic;
using System.Threading;
using MinimalOS.Kernel.Scheduling;

namespace MinimalOS.Tests.Host.Scheduling.Simulation
{
    internal static unsafe class SimulatedMachine
    {
        public const int CpuCount = 4;
        public const ulong TimerStopped = ulong.MaxValue;
        // Saved "stack pointers" of switched-out flows: never a host address (those are below 2^47).
        private const ulong TokenMarker = 0xF1F0_0000_0000_0000;

        private sealed class Flow
        {
            public readonly SemaphoreSlim Resume = new SemaphoreSlim(0);
            public ulong Token;
            public volatile int Cpu;
        }

        private sealed class SimulatedCpu
        {
            public readonly SemaphoreSlim Wake = new SemaphoreSlim(0);
            public bool InterruptsEnabled;
            public Processor Processor;
            public ulong TimerDeadline = TimerStopped;
            public bool ReschedulePending;
            public int RescheduleInterrupts;
            public int TimerInterrupts;
        }

        private static readonly object s_gate = new object();
        private static readonly SimulatedCpu[] s_cpus = CreateCpus();
        private static readonly Dictionary<ulong, Flow> s_switchedOut = new Dictionary<ulong, Flow>();
        [ThreadStatic] private static Flow t_flow;
        private static long s_nextToken;
        private static long s_now = 1_000_000_000;
        private static delegate*<void> s_onTimer;
        private static delegate*<void> s_onReschedule;
        private static delegate*<void> s_onInterruptExit;

        private static SimulatedCpu[] CreateCpus()
        {
            var cpus = new SimulatedCpu[CpuCount];
            for (int i = 0; i < cpus.Length; i++)
                cpus[i] = new SimulatedCpu();
            return cpus;
        }

        /// <summary>Makes the calling host thread the flow that runs first on CPU <paramref name="cpu"/>.</summary>
        public static void BecomeStartupFlow(int cpu) => t_flow = new Flow { Cpu = cpu };

        public static ulong Now => (ulong)Interlocked.Read(ref s_now);

        /// <summary>Moves time on; due timers fire on each CPU at its next interrupt window.</summary>
        public static void Advance(ulong nanoseconds)
        {
            Interlocked.Add(ref s_now, (long)nanoseconds);
            foreach (SimulatedCpu cpu in s_cpus)
                cpu.Wake.Release();
            TakePendingInterrupts();
        }

        public static ulong TimerDeadlineOf(int cpu) { lock (s_gate) return s_cpus[cpu].TimerDeadline; }

        public static int RescheduleInterruptsOf(int cpu) { lock (s_gate) return s_cpus[cpu].RescheduleInterrupts; }

        public static int TimerInterruptsOf(int cpu) { lock (s_gate) return s_cpus[cpu].TimerInterrupts; }

        private static Flow Me => t_flow ?? throw new InvalidOperationException("this host thread is not a simulated flow");

        private static SimulatedCpu MyCpu => s_cpus[Me.Cpu];

        public static int ThisCpuIndex() => Me.Cpu;

        public static Processor ThisProcessor() => MyCpu.Processor;

        public static void Publish(Processor self) => MyCpu.Processor = self;

        public static bool DisableInterruptsSaving()
        {
            SimulatedCpu cpu = MyCpu;
            bool enabled = cpu.InterruptsEnabled;
            cpu.InterruptsEnabled = false;
            return enabled;
        }

        public static void DisableInterrupts() => MyCpu.InterruptsEnabled = false;

        public static void EnableInterrupts()
        {
            MyCpu.InterruptsEnabled = true;
            TakePendingInterrupts();
        }

        public static void EnableInterruptsAndHalt()
        {
            SimulatedCpu cpu = MyCpu;
            cpu.InterruptsEnabled = true;
            while (!AnyInterruptPending(cpu))
            {
                ulong deadline;
                lock (s_gate)
                    deadline = cpu.TimerDeadline;
                if (deadline != TimerStopped)
                {
                    ulong now = Now;
                    if (deadline > now)
                        Interlocked.Add(ref s_now, (long)(deadline - now));
                    continue;
                }
                cpu.Wake.Wait();
            }
            TakePendingInterrupts();
        }

        public static void ArmTimer(ulong nanoseconds) { lock (s_gate) MyCpu.TimerDeadline = Now + nanoseconds; }

        public static void StopTimer() { lock (s_gate) MyCpu.TimerDeadline = TimerStopped; }

        public static void SendReschedule(int cpu)
        {
            lock (s_gate)
                s_cpus[cpu].ReschedulePending = true;
            s_cpus[cpu].Wake.Release();
        }

        public static void AttachInterrupts(delegate*<void> onTimer, delegate*<void> onReschedule, delegate*<void> onInterruptExit)
        {
            s_onTimer = onTimer;
            s_onReschedule = onReschedule;
            s_onInterruptExit = onInterruptExit;
        }

        /// <summary>
        /// Hands this flow's CPU to the flow saved at <paramref name="load"/> (a new thread's first frame
        /// starts a host thread that enters Scheduler.ThreadStart) and waits until a switch resumes this one.
        /// </summary>
        public static void SwitchContext(ulong* save, ulong load)
        {
            Flow me = Me;
            Flow next;
            lock (s_gate)
            {
                if (me.Token == 0)
                    me.Token = TokenMarker | (ulong)Interlocked.Increment(ref s_nextToken);
                *save = me.Token;
                s_switchedOut[me.Token] = me;
                if (s_switchedOut.Remove(load, out next))
                    next.Cpu = me.Cpu;
                else
                    next = StartThreadFlow(me.Cpu);
            }
            next.Resume.Release();
            // Forever, like a real switched-out thread: a dead one never resumes, and a test that hangs here
            // fails on SimulatedKernel's timeout instead.
            me.Resume.Wait();
        }

        private static Flow StartThreadFlow(int cpu)
        {
            var flow = new Flow { Cpu = cpu };
            var host = new System.Threading.Thread(() =>
            {
                t_flow = flow;
                flow.Resume.Wait();
                Scheduler.ThreadStart();
            });
            host.IsBackground = true;
            host.Start();
            return flow;
        }

        private static bool AnyInterruptPending(SimulatedCpu cpu)
        {
            lock (s_gate)
                return cpu.ReschedulePending || cpu.TimerDeadline <= Now;
        }

        // What the CPU does at an interrupt window: with interrupts enabled, take each pending interrupt
        // (handler, then the exit hook, interrupts off, possibly switching away and back), then return with
        // interrupts enabled again.
        private static void TakePendingInterrupts()
        {
            while (true)
            {
                SimulatedCpu cpu = MyCpu;
                bool timer, reschedule;
                lock (s_gate)
                {
                    if (!cpu.InterruptsEnabled)
                        return;
                    timer = cpu.TimerDeadline <= Now;
                    reschedule = cpu.ReschedulePending;
                    if (!timer && !reschedule)
                        return;
                    if (timer)
                    {
                        cpu.TimerDeadline = TimerStopped;
                        cpu.TimerInterrupts++;
                    }
                    if (reschedule)
                    {
                        cpu.ReschedulePending = false;
                        cpu.RescheduleInterrupts++;
                    }
                    cpu.InterruptsEnabled = false;
                }
                if (timer && s_onTimer != null)
                    s_onTimer();
                if (reschedule && s_onReschedule != null)
                    s_onReschedule();
                if (s_onInterruptExit != null)
                    s_onInterruptExit();
                MyCpu.InterruptsEnabled = true;
            }
        }
    }
}
