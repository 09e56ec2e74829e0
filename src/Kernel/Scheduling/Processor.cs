// One CPU's scheduler state, reached through its GS base (CpuLocal.Scheduler): its run queue, its timer
// queue of sleeping threads, the thread running on it and its idle thread, the deadline its one-shot LAPIC
// timer is armed for, and a few counters. Lock holds the run queue, the timer queue, the state of every
// thread whose Processor this is, and the fields below; only this CPU touches its own LAPIC timer. This type holds data and small queries; the decisions are the Scheduler's.
using MinimalOS.Kernel.Threads;

namespace MinimalOS.Kernel.Scheduling
{
    internal sealed class Processor
    {
        /// <summary>No timer armed.</summary>
        public const ulong NoDeadline = ulong.MaxValue;
        /// <summary>Sleeping threads one CPU can hold; a sleep that finds the queue full waits by yielding instead.</summary>
        public const int TimerCapacity = 1024;

        public Processor(int index)
        {
            Index = index;
            Lock = new KernelSpinLock("scheduler");
            Ready = new RunQueue();
            Timers = new TimerQueue(TimerCapacity);
            ArmedDeadline = NoDeadline;
        }

        public int Index { get; }
        public KernelSpinLock Lock { get; }
        public RunQueue Ready { get; }
        public TimerQueue Timers { get; }
        public Thread Current;
        public Thread Idle;
        /// <summary>The thread that died in the last switch here, waiting for its stack to be freed.</summary>
        public Thread DeadToReclaim;
        /// <summary>When the one-shot timer of this CPU fires (NoDeadline: stopped).</summary>
        public ulong ArmedDeadline;
        /// <summary>Set by the timer and reschedule interrupts: the scheduler looks again when the interrupt returns.</summary>
        public volatile bool RescheduleRequested;

        public ulong Switches;
        public ulong Preemptions;
        public ulong Steals;
        public ulong ThreadsRun;

        public bool IsIdle => Current == Idle;
    }
}
