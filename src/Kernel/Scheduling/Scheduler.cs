// The preemptive, tickless SMP scheduler. Every CPU has a Processor (reached through GS) with a run queue
// of priority levels (round-robin within a level), a timer queue of sleeping threads and an idle thread
// that halts. Time slices and sleeps share one one-shot LAPIC timer per CPU, armed only for the next thing
// that can change the decision: the end of the running thread's slice when an equal thread waits, or the
// earliest sleeper; an idle CPU with no sleepers has no timer at all. The timer and the reschedule IPI only
// set a flag; the switch happens when the interrupt returns (after its EOI), on the interrupted thread's stack.
//
// Locking: a Processor's lock guards its queues and the state of every thread whose Processor it is. Every
// switch runs with interrupts off and with the lock held; the lock is handed over the switch and released
// by the thread that runs next (AfterSwitch), so no other CPU can run, steal or wake a thread before its
// context is saved. A thread moves to another CPU only through stealing (an idle CPU try-locks a busy one)
// while it waits in a run queue. At most one scheduler lock is held at a time, except that try-lock; stacks
// and memory are freed only after the lock is released. Block/Wake follow park/unpark rules: a Wake that
// finds its thread not blocked is remembered and makes the next Block return at once, so no wake-up is lost.
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.Threads;

namespace MinimalOS.Kernel.Scheduling
{
    internal static unsafe class Scheduler
    {
        public const int AnyCpu = -1;
        public const int DefaultPriority = 16;
        public const ulong TimeSliceNanoseconds = 10_000_000;
        private const int IdlePriority = int.MinValue;
        // A deadline already due is armed this far ahead: the LAPIC cannot fire "now".
        private const ulong MinimumTimerNanoseconds = 2_000;

        private static readonly Processor[] s_processors = new Processor[SchedulerCpu.CpuLimit];
        private static int s_processorCount;
        private static readonly IdleCpuSet s_idleCpus = new IdleCpuSet();
        // Threads that have exited but whose stacks are not freed yet.
        private static int s_awaitingReclaim;
        private static delegate*<nint, void> s_objectThreadLeft;

        /// <summary>True once the scheduler runs on the boot CPU.</summary>
        public static bool IsStarted => s_processors[0] is not null;

        /// <summary>How many CPUs the scheduler runs on.</summary>
        public static int ProcessorCount => s_processorCount;

        /// <summary>CPU <paramref name="index"/>'s scheduler state, null when the scheduler does not run there.</summary>
        public static Processor ProcessorAt(int index) => (uint)index < (uint)SchedulerCpu.CpuLimit ? s_processors[index] : null;

        /// <summary>Threads that have exited and whose stacks are not yet freed (each is freed by the next switch on its CPU).</summary>
        public static int ThreadsAwaitingReclaim => System.Threading.Volatile.Read(ref s_awaitingReclaim);

        /// <summary>The thread running on this CPU (null before Start).</summary>
        public static Thread Current
        {
            get
            {
                bool interrupts = SchedulerCpu.DisableInterruptsSaving();
                Processor self = ThisProcessor;
                Thread current = self?.Current;
                SchedulerCpu.RestoreInterrupts(interrupts);
                return current;
            }
        }

        /// <summary>The running thread's kernel object (Thread.Owner), 0 for a kernel thread: cheap enough for every system call.</summary>
        public static nint CurrentOwner => SchedulerCpu.CurrentThreadOwner();

        private static Processor ThisProcessor => SchedulerCpu.ThisProcessor();

        /// <summary>Makes the running boot flow thread 0 of the boot CPU and creates its idle thread; false (logged) if it cannot.</summary>
        public static bool Start()
        {
            if (IsStarted)
                return true;
            if (!ThreadCpu.StacksAvailable)
            {
                Log.Error("sched", $"no threads: the kernel address space is not up");
                return false;
            }
            bool interrupts = SchedulerCpu.DisableInterruptsSaving();
            var self = new Processor(SchedulerCpu.ThisCpuIndex());
            Thread boot = Thread.ForRunningFlow(DefaultPriority);
            Thread idle = NewThread(&IdleLoop, 0, IdlePriority);
            if (idle is null)
            {
                SchedulerCpu.RestoreInterrupts(interrupts);
                Log.Error("sched", $"no threads: no stack for the idle thread");
                return false;
            }
            idle.Processor = self;
            boot.Processor = self;
            // The boot flow stays on the boot CPU: boot-time code (and the kernel tests) may rely on it.
            boot.QueueNode.IsPinned = true;
            self.Current = boot;
            self.Idle = idle;
            SchedulerCpu.AttachInterrupts(&OnTimerInterrupt, &RequestRescheduleFromInterrupt, &RescheduleIfRequested);
            Publish(self);
            SchedulerCpu.RestoreInterrupts(interrupts);
            Log.Info("sched", $"CPU {self.Index}: preemptive scheduler, {TimeSliceNanoseconds / 1_000_000} ms slices on the one-shot LAPIC timer; boot thread {boot.Id}, idle thread {idle.Id}");
            return true;
        }

        /// <summary>
        /// Joins the calling application processor to the scheduler: the flow calling this becomes the CPU's
        /// idle thread and never returns. Its tables, LAPIC and LAPIC timer must be set up; interrupts off.
        /// </summary>
        public static void RunOnThisCpu()
        {
            SchedulerCpu.DisableInterrupts();
            if (!IsStarted || ThisProcessor is not null)
                SchedulerCpu.Panic("Scheduler.RunOnThisCpu: the boot CPU has not started the scheduler, or this CPU already runs it");
            var self = new Processor(SchedulerCpu.ThisCpuIndex());
            Thread idle = Thread.ForRunningFlow(IdlePriority);
            idle.Processor = self;
            self.Current = idle;
            self.Idle = idle;
            Publish(self);
            s_idleCpus.Set(self.Index, true);
            IdleLoop(0);
        }

        /// <summary>
        /// Creates a ready thread that runs <paramref name="entry"/>(<paramref name="argument"/>) with interrupts
        /// enabled and exits when it returns; <paramref name="cpu"/> pins it to one CPU (AnyCpu: placed on an
        /// idle CPU if there is one, and free to be stolen). Null when no stack can be had or an argument is
        /// invalid. Once the thread is dead and reclaimed its object may be reused by a later Create (there is
        /// no GC): whoever keeps a reference compares Id.
        /// </summary>
        public static Thread Create(delegate*<nint, void> entry, nint argument, int priority = DefaultPriority, int cpu = AnyCpu)
        {
            if (!IsStarted || entry is null || !RunQueue.IsValidPriority(priority))
                return null;
            if (cpu != AnyCpu && ProcessorAt(cpu) is null)
                return null;
            bool interrupts = SchedulerCpu.DisableInterruptsSaving();
            Thread thread = NewThread(entry, argument, priority);
            if (thread is not null)
                Admit(thread, cpu, interrupts);
            SchedulerCpu.RestoreInterrupts(interrupts);
            return thread;
        }

        /// <summary>
        /// Starts a thread made elsewhere (Thread.PlaceInObject: a user thread in its kernel object's memory) at
        /// <paramref name="priority"/>, pinned to <paramref name="cpu"/> unless AnyCpu. False when an argument is
        /// invalid or the thread is not new.
        /// </summary>
        public static bool StartPlaced(Thread thread, int priority, int cpu)
        {
            if (!IsStarted || thread is null || thread.State != ThreadState.Ready || thread.Processor is not null || !RunQueue.IsValidPriority(priority))
                return false;
            if (cpu != AnyCpu && ProcessorAt(cpu) is null)
                return false;
            bool interrupts = SchedulerCpu.DisableInterruptsSaving();
            thread.Priority = priority;
            Admit(thread, cpu, interrupts);
            SchedulerCpu.RestoreInterrupts(interrupts);
            return true;
        }

        // A new ready thread joins a run queue: its pinned CPU's, or where Placement puts it (interrupts off).
        private static void Admit(Thread thread, int cpu, bool interruptsWereOn)
        {
            Processor self = ThisProcessor;
            thread.QueueNode.IsPinned = cpu != AnyCpu;
            Processor target = cpu != AnyCpu ? s_processors[cpu] : Placement(self);
            target.Lock.AcquireWithInterruptsOff();
            thread.Processor = target;
            EnqueueAndSignal(target, thread, self);
            if (interruptsWereOn)
                RescheduleIfRequested();
        }

        /// <summary>Makes the CPU running <paramref name="thread"/> (if another one) enter the kernel soon, so the thread sees a request made of it.</summary>
        public static void Kick(Thread thread)
        {
            Processor owner = thread?.Processor;
            if (owner is not null && thread.State == ThreadState.Running && owner != ThisProcessor)
                SignalCpu(owner.Index);
        }

        /// <summary>Sets another thread's priority: a ready one moves to its new level, a running one may be preempted.</summary>
        public static void SetPriorityOf(Thread thread, int priority)
        {
            if (thread is null || !RunQueue.IsValidPriority(priority))
                return;
            bool interrupts = SchedulerCpu.DisableInterruptsSaving();
            Processor owner = thread.Processor;
            if (owner is null)
            {
                thread.Priority = priority;
                SchedulerCpu.RestoreInterrupts(interrupts);
                return;
            }
            owner.Lock.AcquireWithInterruptsOff();
            if (thread.Processor == owner)
            {
                bool queued = thread.QueueNode.Queue is not null;
                if (queued)
                    owner.Ready.Remove(thread.QueueNode);
                thread.Priority = priority;
                if (queued)
                    owner.Ready.Enqueue(thread.QueueNode, priority);
                owner.RescheduleRequested = true;
            }
            else
            {
                thread.Priority = priority;
            }
            owner.Lock.ReleaseWithInterruptsOff();
            if (owner != ThisProcessor)
                SignalCpu(owner.Index);
            else if (interrupts)
                RescheduleIfRequested();
            SchedulerCpu.RestoreInterrupts(interrupts);
        }

        /// <summary>Told, on the next thread's stack, that an object-backed thread that ended is off its CPU.</summary>
        public static void SetObjectThreadLeftHook(delegate*<nint, void> hook) => s_objectThreadLeft = hook;

        /// <summary>Lets every other ready thread of this CPU with the same or a higher priority run first; returns at once when none is ready.</summary>
        public static void Yield()
        {
            bool interrupts = SchedulerCpu.DisableInterruptsSaving();
            Processor self = ThisProcessor;
            if (self is not null)
            {
                self.Lock.AcquireWithInterruptsOff();
                if (self.Ready.IsEmpty)
                {
                    self.Lock.ReleaseWithInterruptsOff();
                }
                else
                {
                    Requeue(self);
                    SwitchAway(self);
                }
            }
            SchedulerCpu.RestoreInterrupts(interrupts);
        }

        /// <summary>
        /// Stops the running thread until Wake is called for it (the idle thread runs meanwhile if nobody else
        /// can). Returns at once, consuming it, if a Wake came while the thread was not blocked.
        /// </summary>
        public static void Block()
        {
            bool interrupts = SchedulerCpu.DisableInterruptsSaving();
            Processor self = ThisProcessor;
            if (self is null || self.IsIdle)
                SchedulerCpu.Panic("Scheduler.Block: no thread to block (scheduler not started, or the idle thread)");
            self.Lock.AcquireWithInterruptsOff();
            Thread current = self.Current;
            if (current.WakePending)
            {
                current.WakePending = false;
                self.Lock.ReleaseWithInterruptsOff();
            }
            else
            {
                current.State = ThreadState.Blocked;
                SwitchAway(self);
            }
            SchedulerCpu.RestoreInterrupts(interrupts);
        }

        /// <summary>
        /// IPC's direct switch: blocks the running thread and runs <paramref name="target"/> in its place at
        /// once, without passing it through the run queue - the target must be blocked (not in a timed wait)
        /// and placed on this CPU, and no ready thread here may be more urgent than it. Returns, like Block,
        /// when the running thread is woken. <paramref name="pin"/> is a count the caller raised to keep the
        /// target's memory alive while it held no lock; it is lowered here once the switch is certain (under
        /// this CPU's lock nobody can wake, and so destroy, the target before it runs). False at once, the pin
        /// still held, when the switch cannot be direct (or a Wake for the running thread is pending): the
        /// caller then wakes the target, drops the pin and blocks the usual way.
        /// </summary>
        public static bool BlockAndSwitchTo(Thread target, ref int pin)
        {
            bool interrupts = SchedulerCpu.DisableInterruptsSaving();
            Processor self = ThisProcessor;
            self.Lock.AcquireWithInterruptsOff();
            Thread current = self.Current;
            bool direct = current != self.Idle && !current.WakePending
                && target.Processor == self && target.State == ThreadState.Blocked && !target.SleepTimer.IsValid
                && !(self.Ready.TryPeekHighestPriority(out int waiting) && waiting > target.Priority);
            if (!direct)
            {
                self.Lock.ReleaseWithInterruptsOff();
                SchedulerCpu.RestoreInterrupts(interrupts);
                return false;
            }
            System.Threading.Interlocked.Decrement(ref pin);
            current.State = ThreadState.Blocked;
            SwitchTo(self, target);
            SchedulerCpu.RestoreInterrupts(interrupts);
            return true;
        }

        /// <summary>
        /// Makes a blocked thread ready (also one in BlockUntil); true when it was blocked. Otherwise (running,
        /// ready, or in Sleep) the wake-up is remembered for its next Block and the result is false. From any CPU and from
        /// interrupt handlers; a higher-priority thread woken on this CPU runs at once.
        /// </summary>
        public static bool Wake(Thread thread)
        {
            if (thread is null || !IsStarted)
                return false;
            bool interrupts = SchedulerCpu.DisableInterruptsSaving();
            Processor self = ThisProcessor;
            bool woken = false;
            while (true)
            {
                Processor owner = thread.Processor;
                if (owner is null)
                    break;
                owner.Lock.AcquireWithInterruptsOff();
                if (thread.Processor != owner)
                {
                    owner.Lock.ReleaseWithInterruptsOff();
                    continue;
                }
                if (thread.State == ThreadState.Blocked && (!thread.SleepTimer.IsValid || thread.WakeableSleep))
                {
                    if (thread.SleepTimer.IsValid)
                        owner.Timers.Cancel(thread.SleepTimer);
                    thread.SleepTimer = default;
                    woken = true;
                    EnqueueAndSignal(owner, thread, self);
                }
                else
                {
                    if (thread.State != ThreadState.Dead)
                        thread.WakePending = true;
                    owner.Lock.ReleaseWithInterruptsOff();
                }
                break;
            }
            if (interrupts)
                RescheduleIfRequested();
            SchedulerCpu.RestoreInterrupts(interrupts);
            return woken;
        }

        /// <summary>
        /// Suspends the running thread for at least <paramref name="nanoseconds"/> (never less; a Wake meanwhile
        /// is kept for the next Block). 0 just yields.
        /// </summary>
        public static void Sleep(ulong nanoseconds)
        {
            if (nanoseconds == 0)
                Yield();
            else
                WaitInTimerQueue(SchedulerCpu.Nanoseconds() + nanoseconds, wakeable: false);
        }

        /// <summary>
        /// Block with a deadline (monotonic nanoseconds, SchedulerCpu.Nanoseconds): returns true when a Wake ended it (or one
        /// was pending), false when the deadline passed first - never earlier than the deadline.
        /// </summary>
        public static bool BlockUntil(ulong deadlineNanoseconds) => WaitInTimerQueue(deadlineNanoseconds, wakeable: true);

        // Sleep and BlockUntil: blocks in this CPU's timer queue until the deadline (re-checked against the
        // clock, so never early) or, if wakeable, until a Wake (true). A full timer queue degrades to polling
        // by yielding.
        private static bool WaitInTimerQueue(ulong deadline, bool wakeable)
        {
            while (true)
            {
                bool interrupts = SchedulerCpu.DisableInterruptsSaving();
                Processor self = ThisProcessor;
                if (self is null || self.IsIdle)
                    SchedulerCpu.Panic("Scheduler.Sleep/BlockUntil: no thread to block (scheduler not started, or the idle thread)");
                self.Lock.AcquireWithInterruptsOff();
                Thread current = self.Current;
                if (wakeable && current.WakePending)
                {
                    current.WakePending = false;
                    self.Lock.ReleaseWithInterruptsOff();
                    SchedulerCpu.RestoreInterrupts(interrupts);
                    return true;
                }
                if (SchedulerCpu.Nanoseconds() >= deadline)
                {
                    self.Lock.ReleaseWithInterruptsOff();
                    SchedulerCpu.RestoreInterrupts(interrupts);
                    return false;
                }
                if (self.Timers.TryInsert(deadline, current, out TimerHandle timer))
                {
                    current.SleepTimer = timer;
                    current.WakeableSleep = wakeable;
                    current.TimedOut = false;
                    current.State = ThreadState.Blocked;
                    SwitchAway(self);
                    current.WakeableSleep = false;
                    bool woken = wakeable && !current.TimedOut;
                    SchedulerCpu.RestoreInterrupts(interrupts);
                    if (woken)
                        return true;
                }
                else
                {
                    self.Lock.ReleaseWithInterruptsOff();
                    SchedulerCpu.RestoreInterrupts(interrupts);
                    Yield();
                }
            }
        }

        /// <summary>Changes the running thread's priority; it gives way at once if a more urgent thread waits.</summary>
        public static bool SetPriority(int priority)
        {
            if (!RunQueue.IsValidPriority(priority))
                return false;
            bool interrupts = SchedulerCpu.DisableInterruptsSaving();
            Processor self = ThisProcessor;
            if (self is null || self.IsIdle)
            {
                SchedulerCpu.RestoreInterrupts(interrupts);
                return false;
            }
            self.Lock.AcquireWithInterruptsOff();
            self.Current.Priority = priority;
            if (self.Ready.TryPeekHighestPriority(out int waiting) && waiting > priority)
                self.RescheduleRequested = true;
            self.Lock.ReleaseWithInterruptsOff();
            if (interrupts)
                RescheduleIfRequested();
            SchedulerCpu.RestoreInterrupts(interrupts);
            return true;
        }

        /// <summary>Ends the running thread; what its entry returning does. Boot and idle threads may not exit.</summary>
        public static void Exit()
        {
            SchedulerCpu.DisableInterrupts();
            Processor self = ThisProcessor;
            Thread dying = self?.Current;
            if (dying is null || dying == self.Idle || dying.Stack.IsEmpty)
                SchedulerCpu.Panic("Scheduler.Exit: the boot and idle threads cannot exit");
            self.Lock.AcquireWithInterruptsOff();
            System.Threading.Interlocked.Increment(ref s_awaitingReclaim);
            dying.State = ThreadState.Dead;
            self.DeadToReclaim = dying;
            SwitchAway(self);
            SchedulerCpu.Panic("Scheduler.Exit: a dead thread was switched back in");
        }

        /// <summary>For the reschedule IPI's handler: look at this CPU's run queue when the interrupt returns.</summary>
        public static void RequestRescheduleFromInterrupt()
        {
            Processor self = ThisProcessor;
            if (self is not null)
                self.RescheduleRequested = true;
        }

        /// <summary>
        /// Re-arms this CPU's LAPIC timer from the scheduler's state; for code (tests, benchmarks) that
        /// borrowed the timer and has given it back.
        /// </summary>
        public static void ReprogramTimer()
        {
            bool interrupts = SchedulerCpu.DisableInterruptsSaving();
            Processor self = ThisProcessor;
            if (self is not null)
            {
                self.Lock.AcquireWithInterruptsOff();
                self.ArmedDeadline = Processor.NoDeadline - 1;
                ProgramTimer(self);
                self.Lock.ReleaseWithInterruptsOff();
            }
            SchedulerCpu.RestoreInterrupts(interrupts);
        }

        // The LAPIC timer fired on this CPU (interrupt context): wake the sleepers that are due and have the
        // decision taken again when the interrupt returns (a slice may have ended).
        private static void OnTimerInterrupt()
        {
            Processor self = ThisProcessor;
            if (self is null)
                return;
            self.Lock.AcquireWithInterruptsOff();
            self.ArmedDeadline = Processor.NoDeadline;
            ulong now = SchedulerCpu.Nanoseconds();
            bool kickIdle = false;
            while (self.Timers.TryPopExpired(now, out TimerExpiry expiry))
            {
                var sleeper = (Thread)expiry.Owner;
                sleeper.SleepTimer = default;
                if (sleeper.State == ThreadState.Blocked)
                {
                    sleeper.TimedOut = sleeper.WakeableSleep;
                    sleeper.State = ThreadState.Ready;
                    StartContention(self);
                    self.Ready.Enqueue(sleeper.QueueNode, sleeper.Priority);
                    kickIdle = true;
                }
            }
            self.RescheduleRequested = true;
            self.Lock.ReleaseWithInterruptsOff();
            if (kickIdle)
                KickAnIdleCpu(self);
        }

        // Interrupts off, on a thread's own stack: after an interrupt's EOI, or in thread context after a
        // wake-up. Switches if a more urgent thread waits, the slice is over with an equal one waiting, or
        // this CPU is idle and has (or can steal) work; otherwise re-arms the timer.
        private static void RescheduleIfRequested()
        {
            Processor self = ThisProcessor;
            if (self is null || !self.RescheduleRequested)
                return;
            self.RescheduleRequested = false;
            self.Lock.AcquireWithInterruptsOff();
            Thread current = self.Current;
            bool switchNow = self.IsIdle;
            if (!switchNow && self.Ready.TryPeekHighestPriority(out int waiting))
                switchNow = waiting > current.Priority || (waiting == current.Priority && SchedulerCpu.Nanoseconds() >= current.SliceEnd);
            if (!switchNow)
            {
                ProgramTimer(self);
                self.Lock.ReleaseWithInterruptsOff();
                return;
            }
            if (!self.IsIdle)
            {
                self.Preemptions++;
                Requeue(self);
            }
            SwitchAway(self);
        }

        // The running thread goes back to the tail of its level (a round-robin turn).
        private static void Requeue(Processor self)
        {
            Thread current = self.Current;
            if (current == self.Idle)
                return;
            current.State = ThreadState.Ready;
            self.Ready.Enqueue(current.QueueNode, current.Priority);
        }

        // Holding target's lock (interrupts off): queues a ready thread there, releases the lock, then makes
        // sure someone looks at it soon: this CPU (at the next reschedule point), target (by IPI) when it is
        // idle, runs something less urgent or has no slice timer, and an idle CPU that could steal it.
        private static void EnqueueAndSignal(Processor target, Thread thread, Processor self)
        {
            thread.State = ThreadState.Ready;
            StartContention(target);
            target.Ready.Enqueue(thread.QueueNode, thread.Priority);
            Thread running = target.Current;
            bool targetShouldLook = target.IsIdle || thread.Priority > running.Priority || target.ArmedDeadline > running.SliceEnd;
            bool targetBusy = !target.IsIdle;
            int queued = target.Ready.Count;
            if (target == self && targetShouldLook)
            {
                if (target.IsIdle || thread.Priority > running.Priority)
                    target.RescheduleRequested = true;
                else
                    ProgramTimer(target);
            }
            target.Lock.ReleaseWithInterruptsOff();
            if (target != self && targetShouldLook)
                SignalCpu(target.Index);
            if ((targetBusy || queued > 1) && !thread.QueueNode.IsPinned)
                KickAnIdleCpu(target);
        }

        // A slice measures time spent while others wait: a thread that ran alone gets a whole slice from the
        // moment the first competitor arrives, not a slice that ran out long ago (lock held).
        private static void StartContention(Processor self)
        {
            if (self.Ready.IsEmpty && !self.IsIdle)
                self.Current.SliceEnd = SchedulerCpu.Nanoseconds() + TimeSliceNanoseconds;
        }

        // Where an unpinned new thread goes: an idle CPU if there is one (it starts at once), else here. The
        // chosen CPU's idle bit is claimed at once, so that threads created in a burst spread over the idle
        // CPUs instead of all going to the one that has not woken up yet; it sets the bit again when it idles.
        private static Processor Placement(Processor self)
        {
            int cpu = s_idleCpus.Claim(self.Index);
            return cpu == IdleCpuSet.None ? self : s_processors[cpu] ?? self;
        }

        private static void KickAnIdleCpu(Processor busy)
        {
            int cpu = s_idleCpus.Any(busy.Index);
            if (cpu != IdleCpuSet.None)
                SignalCpu(cpu);
        }

        private static void SignalCpu(int cpu) => SchedulerCpu.SendReschedule(cpu);

        // Holding self's lock with interrupts off, the current thread's state already decided (requeued,
        // blocked or dead): runs the next thread (own queue, else stolen, else idle). Returns - on whichever
        // CPU the thread is later resumed - with that CPU's lock released and interrupts still off.
        private static void SwitchAway(Processor self) => SwitchTo(self, PickNext(self));

        // SwitchAway's second half, with the next thread chosen (lock held, interrupts off).
        private static void SwitchTo(Processor self, Thread next)
        {
            Thread previous = self.Current;
            if (next == previous)
            {
                previous.State = ThreadState.Running;
                ProgramTimer(self);
                self.Lock.ReleaseWithInterruptsOff();
                return;
            }
            next.State = ThreadState.Running;
            self.Current = next;
            self.Switches++;
            if (next != self.Idle)
            {
                next.SliceEnd = SchedulerCpu.Nanoseconds() + TimeSliceNanoseconds;
                self.ThreadsRun++;
            }
            if ((previous == self.Idle) != (next == self.Idle))
                s_idleCpus.Set(self.Index, next == self.Idle);
            ProgramTimer(self);
            SchedulerCpu.LoadThreadContext(next);
            // No GC moves objects: fixed only satisfies the compiler.
            fixed (ulong* save = &previous.SavedStackPointer)
                SchedulerCpu.SwitchContext(save, next.SavedStackPointer, previous.FpuArea, next.FpuArea);
            AfterSwitch();
        }

        private static Thread PickNext(Processor self)
        {
            if (self.Ready.TryDequeue(out RunQueueNode node))
                return (Thread)node.Owner;
            int count = s_processorCount;
            int limit = SchedulerCpu.CpuLimit;
            for (int step = 1; step < limit && count > 1; step++)
            {
                Processor victim = s_processors[(self.Index + step) % limit];
                if (victim is null || victim.Ready.IsEmpty || !victim.Lock.TryAcquireWithInterruptsOff())
                    continue;
                bool stolen = victim.Ready.TrySteal(out node);
                if (stolen)
                    ((Thread)node.Owner).Processor = self;
                victim.Lock.ReleaseWithInterruptsOff();
                if (stolen)
                {
                    self.Steals++;
                    return (Thread)node.Owner;
                }
            }
            return self.Idle;
        }

        // On the thread just switched in (interrupts off, its CPU's lock held): releases the lock, then hands
        // the thread that died to get here to the recycler (which caches or frees its stack) - never while
        // holding the lock, never while anyone still runs on that stack.
        private static void AfterSwitch()
        {
            Processor self = ThisProcessor;
            Thread dead = self.DeadToReclaim;
            self.DeadToReclaim = null;
            self.Lock.ReleaseWithInterruptsOff();
            if (dead is null)
                return;
            if (dead.IsObjectBacked)
                s_objectThreadLeft(dead.Owner);
            else
                ThreadRecycler.Return(dead);
            System.Threading.Interlocked.Decrement(ref s_awaitingReclaim);
        }

        // Arms this CPU's one-shot timer for the next event that can change its decision, or stops it when
        // nothing can (lock held).
        private static void ProgramTimer(Processor self)
        {
            ulong deadline = Processor.NoDeadline;
            if (self.Timers.TryGetEarliestDeadline(out ulong sleeper))
                deadline = sleeper;
            // A slice end matters only when a thread of the same priority waits: a more urgent one has
            // preempted already, a less urgent one cannot preempt.
            if (!self.IsIdle && self.Ready.TryPeekHighestPriority(out int waiting) && waiting == self.Current.Priority && self.Current.SliceEnd < deadline)
                deadline = self.Current.SliceEnd;
            if (deadline == Processor.NoDeadline)
            {
                if (self.ArmedDeadline != Processor.NoDeadline)
                {
                    self.ArmedDeadline = Processor.NoDeadline;
                    SchedulerCpu.StopTimer();
                }
                return;
            }
            // A timer armed earlier than needed stays: it costs one interrupt that re-arms, where
            // re-programming the LAPIC at every switch (a new slice end each time) costs two MMIO writes.
            if (deadline >= self.ArmedDeadline)
                return;
            self.ArmedDeadline = deadline;
            ulong now = SchedulerCpu.Nanoseconds();
            ulong delay = deadline > now ? deadline - now : 0;
            SchedulerCpu.ArmTimer(delay < MinimumTimerNanoseconds ? MinimumTimerNanoseconds : delay);
        }

        private static Thread NewThread(delegate*<nint, void> entry, nint argument, int priority)
        {
            Thread recycled = ThreadRecycler.Take(out Memory.KernelStack stack);
            if (stack.IsEmpty && !ThreadCpu.TryAllocateStack(Thread.StackPages, out stack))
            {
                if (recycled is not null)
                    ThreadRecycler.Return(recycled);
                return null;
            }
            return Thread.Prepare(recycled, stack, entry, argument, priority);
        }

        private static void Publish(Processor self)
        {
            s_processors[self.Index] = self;
            SchedulerCpu.PublishThisProcessor(self);
            System.Threading.Interlocked.Increment(ref s_processorCount);
        }

        /// <summary>
        /// The first code of every new thread, reached from the CPU's thread trampoline with interrupts off
        /// and its CPU's lock held (handed over by SwitchAway); runs the entry, then exits the thread.
        /// </summary>
        public static void ThreadStart()
        {
            AfterSwitch();
            SchedulerCpu.EnableInterrupts();
            Thread self = Current;
            self.Entry(self.Argument);
            Exit();
        }

        private static void IdleLoop(nint unused)
        {
            while (true)
            {
                SchedulerCpu.DisableInterrupts();
                Processor self = ThisProcessor;
                self.Lock.AcquireWithInterruptsOff();
                SwitchAway(self);
                // Nothing to run or steal: advertise this CPU as idle again (a placement may have claimed it
                // for a thread another CPU then stole) and halt until an interrupt brings work.
                s_idleCpus.Set(self.Index, true);
                SchedulerCpu.EnableInterruptsAndHalt();
            }
        }
    }
}
