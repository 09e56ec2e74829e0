// Kernel tests of preemption, priorities, sleep, the tickless timer and wait queues. Threads are pinned to
// CPU 0 (with the boot thread) wherever the test is about what one CPU does, so the results hold for any
// number of CPUs. Worker threads never assert (a failed expectation must unwind on the boot thread); they
// record what they saw and give up after a bounded time instead of spinning forever.
using System.Threading;
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Arch.X86_64.Apic;
using MinimalOS.Kernel.Scheduling;
using MinimalOS.Kernel.Threads;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class SchedulerTests
    {
        private const ulong Millisecond = ThreadWaits.Millisecond;
        // Bounds for workers that wait: far beyond any expected wait, even on a loaded TCG host.
        private const ulong GiveUpNanoseconds = 5_000 * Millisecond;

        private static volatile int s_flag;
        private static volatile bool s_spinnerSawFlag;
        private static int s_order;
        private static readonly int[] s_wakeOrder = new int[4];
        private static readonly ulong[] s_sleptFor = new ulong[4];
        private static volatile int s_step;
        private static volatile int s_passed;
        private static WaitQueue s_waitQueue;

        public static void Register(KernelTestList tests)
        {
            tests.Add("Scheduler.BusyThreadIsPreempted", &BusyThreadIsPreempted);
            tests.Add("Scheduler.SleepNeverWakesEarly", &SleepNeverWakesEarly);
            tests.Add("Scheduler.SleepersWakeInDeadlineOrder", &SleepersWakeInDeadlineOrder);
            tests.Add("Scheduler.MoreUrgentThreadRunsAtOnce", &MoreUrgentThreadRunsAtOnce);
            tests.Add("Scheduler.LessUrgentThreadWaitsForTheCpu", &LessUrgentThreadWaitsForTheCpu);
            tests.Add("Scheduler.LoneThreadGetsNoTimerInterrupts", &LoneThreadGetsNoTimerInterrupts);
            tests.Add("Scheduler.WakeBeforeBlockIsNotLost", &WakeBeforeBlockIsNotLost);
            tests.Add("Scheduler.WaitQueueWakeOneIsFifo", &WaitQueueWakeOneIsFifo);
            tests.Add("Scheduler.WaitQueueWakeAllReleasesEveryone", &WaitQueueWakeAllReleasesEveryone);
            tests.Add("Scheduler.BlockUntilTimesOutNoEarlierThanItsDeadline", &BlockUntilTimesOutNoEarlierThanItsDeadline);
            tests.Add("Scheduler.BlockUntilEndsEarlyOnWake", &BlockUntilEndsEarlyOnWake);
            tests.Add("Scheduler.SleepIsNotCutShortByWake", &SleepIsNotCutShortByWake);
            tests.Add("Scheduler.TimedWaitGivesUpAndLeavesTheQueue", &TimedWaitGivesUpAndLeavesTheQueue);
            tests.Add("Scheduler.TimedWaitSucceedsWhenWoken", &TimedWaitSucceedsWhenWoken);
        }

        private static Thread Spawn(delegate*<nint, void> entry, nint argument, int priority = Scheduler.DefaultPriority)
        {
            Thread thread = Scheduler.Create(entry, argument, priority, cpu: 0);
            Expect.NotNull(thread, "thread created");
            return thread;
        }

        // Spins (never yields) until another thread on the same CPU sets the flag: only preemption lets it.
        private static void SpinUntilFlag(nint unused)
        {
            ulong start = TscClock.Nanoseconds();
            while (s_flag == 0 && TscClock.Nanoseconds() - start < GiveUpNanoseconds)
                Cpu.Pause();
            s_spinnerSawFlag = s_flag != 0;
        }

        private static void SetFlag(nint unused) => s_flag = 1;

        private static void BusyThreadIsPreempted()
        {
            s_flag = 0;
            s_spinnerSawFlag = false;
            ulong preemptionsBefore = Scheduler.ProcessorAt(0).Preemptions;
            Thread spinner = Spawn(&SpinUntilFlag, 0);
            ulong spinnerId = spinner.Id;
            Thread setter = Spawn(&SetFlag, 0);
            ulong setterId = setter.Id;
            ThreadWaits.JoinOrFail(spinner, spinnerId, "the spinner finished");
            ThreadWaits.JoinOrFail(setter, setterId, "the setter finished");
            Expect.True(s_spinnerSawFlag, "the spinning thread was preempted so that the other thread could set the flag");
            Expect.True(Scheduler.ProcessorAt(0).Preemptions > preemptionsBefore, "CPU 0 counted a preemption");
        }

        private static void SleepNeverWakesEarly()
        {
            ulong[] spans = { 1 * Millisecond, 3 * Millisecond, 20 * Millisecond, 50_000 };
            foreach (ulong span in spans)
            {
                ulong start = TscClock.Nanoseconds();
                Scheduler.Sleep(span);
                ulong slept = TscClock.Nanoseconds() - start;
                Expect.True(slept >= span, "Sleep returned no earlier than asked");
                Expect.True(slept < span + GiveUpNanoseconds, "Sleep returned");
            }
        }

        private static void SleepAndRecord(nint milliseconds)
        {
            ulong start = TscClock.Nanoseconds();
            Scheduler.Sleep((ulong)milliseconds * Millisecond);
            int slot = Interlocked.Increment(ref s_order) - 1;
            s_sleptFor[slot] = TscClock.Nanoseconds() - start;
            s_wakeOrder[slot] = (int)milliseconds;
        }

        private static void SleepersWakeInDeadlineOrder()
        {
            s_order = 0;
            Thread slow = Spawn(&SleepAndRecord, 30);
            ulong slowId = slow.Id;
            Thread fast = Spawn(&SleepAndRecord, 10);
            ulong fastId = fast.Id;
            Thread middle = Spawn(&SleepAndRecord, 20);
            ulong middleId = middle.Id;
            ThreadWaits.JoinOrFail(slow, slowId, "slow sleeper finished");
            ThreadWaits.JoinOrFail(fast, fastId, "fast sleeper finished");
            ThreadWaits.JoinOrFail(middle, middleId, "middle sleeper finished");
            Expect.Equal(3, s_order, "three sleepers woke");
            Expect.Equal(10, s_wakeOrder[0], "the 10 ms sleeper woke first");
            Expect.Equal(20, s_wakeOrder[1], "the 20 ms sleeper woke second");
            Expect.Equal(30, s_wakeOrder[2], "the 30 ms sleeper woke last");
            for (int i = 0; i < 3; i++)
                Expect.True(s_sleptFor[i] >= (ulong)s_wakeOrder[i] * Millisecond, "no sleeper woke early");
        }

        private static void MarkStep(nint value) => s_step = (int)value;

        private static void MoreUrgentThreadRunsAtOnce()
        {
            s_step = 0;
            Thread urgent = Spawn(&MarkStep, 1, Scheduler.DefaultPriority + 4);
            int seen = s_step;
            ThreadWaits.JoinOrFail(urgent, urgent.Id, "the urgent thread finished");
            Expect.Equal(1, seen, "a more urgent thread ran before Create returned");
        }

        private static void LessUrgentThreadWaitsForTheCpu()
        {
            s_step = 0;
            Thread background = Spawn(&MarkStep, 1, Scheduler.DefaultPriority - 4);
            ulong id = background.Id;
            Scheduler.Yield();
            int afterYield = s_step;
            // Busy for a few slices: a less urgent thread must still not run.
            ulong start = TscClock.Nanoseconds();
            while (TscClock.Nanoseconds() - start < 3 * Scheduler.TimeSliceNanoseconds)
                Cpu.Pause();
            int afterBusy = s_step;
            ThreadWaits.JoinOrFail(background, id, "the background thread ran once this thread slept");
            Expect.Equal(0, afterYield, "Yield does not give the CPU to a less urgent thread");
            Expect.Equal(0, afterBusy, "time slices do not give the CPU to a less urgent thread");
            Expect.Equal(1, s_step, "the background thread ran");
        }

        private static void LoneThreadGetsNoTimerInterrupts()
        {
            Scheduler.Sleep(Millisecond);
            ulong before = LocalApicTimer.InterruptCount;
            ulong start = TscClock.Nanoseconds();
            while (TscClock.Nanoseconds() - start < 5 * Scheduler.TimeSliceNanoseconds)
                Cpu.Pause();
            ulong after = LocalApicTimer.InterruptCount;
            Expect.Equal(before, after, "no timer interrupt while one thread runs alone with nothing asleep (tickless)");
            Expect.Equal(Processor.NoDeadline, Scheduler.ProcessorAt(0).ArmedDeadline, "the timer is not armed");
        }

        private static void WakeBeforeBlockIsNotLost()
        {
            Thread self = Scheduler.Current;
            Expect.False(Scheduler.Wake(self), "waking a running thread reports it was not blocked");
            ulong start = TscClock.Nanoseconds();
            Scheduler.Block();
            Expect.True(TscClock.Nanoseconds() - start < GiveUpNanoseconds, "Block returned at once: the wake was remembered");
            Expect.Equal((long)ThreadState.Running, (long)self.State, "running again");
        }

        private static bool FlagSet(nint unused) => s_flag != 0;

        private static bool PassedBelow(nint limit) => s_passed < (int)limit;

        private static void WaitThenRecord(nint index)
        {
            s_waitQueue.WaitUntil(&FlagSet, 0);
            int slot = Interlocked.Increment(ref s_order) - 1;
            s_wakeOrder[slot] = (int)index;
        }

        private static void WaitForWaiters(int count)
        {
            ulong start = TscClock.Nanoseconds();
            while (s_waitQueue.Count < count && TscClock.Nanoseconds() - start < GiveUpNanoseconds)
                Scheduler.Sleep(Millisecond);
        }

        private static void WaitQueueWakeOneIsFifo()
        {
            s_waitQueue = new WaitQueue("test-wait");
            s_flag = 0;
            s_order = 0;
            var threads = new Thread[3];
            var ids = new ulong[3];
            for (int i = 0; i < 3; i++)
            {
                threads[i] = Spawn(&WaitThenRecord, i + 1);
                ids[i] = threads[i].Id;
                WaitForWaiters(i + 1);
            }
            Expect.Equal(3, s_waitQueue.Count, "three threads wait");
            for (int i = 0; i < 3; i++)
                Expect.Equal((long)ThreadState.Blocked, (long)threads[i].State, "a waiter is blocked, off the CPU");
            s_flag = 1;
            for (int i = 0; i < 3; i++)
            {
                Expect.True(s_waitQueue.WakeOne(), "a waiter was woken");
                ThreadWaits.JoinOrFail(threads[i], ids[i], "the woken waiter finished");
            }
            Expect.False(s_waitQueue.WakeOne(), "nobody left to wake");
            Expect.Equal(1, s_wakeOrder[0], "first waiter woken first");
            Expect.Equal(2, s_wakeOrder[1], "second waiter woken second");
            Expect.Equal(3, s_wakeOrder[2], "third waiter woken third");
        }

        private static void BlockUntilTimesOutNoEarlierThanItsDeadline()
        {
            ulong start = TscClock.Nanoseconds();
            bool woken = Scheduler.BlockUntil(start + 5 * Millisecond);
            ulong elapsed = TscClock.Nanoseconds() - start;
            Expect.False(woken, "nobody woke it: it timed out");
            Expect.True(elapsed >= 5 * Millisecond, "not before its deadline");
            Expect.True(elapsed < GiveUpNanoseconds, "it came back");
        }

        private static Thread s_sleeper;

        private static void WakeSleeperSoon(nint unused)
        {
            Scheduler.Sleep(2 * Millisecond);
            s_step = Scheduler.Wake(s_sleeper) ? 1 : -1;
        }

        private static void BlockUntilEndsEarlyOnWake()
        {
            s_step = 0;
            s_sleeper = Scheduler.Current;
            Thread waker = Spawn(&WakeSleeperSoon, 0);
            ulong wakerId = waker.Id;
            ulong start = TscClock.Nanoseconds();
            bool woken = Scheduler.BlockUntil(start + GiveUpNanoseconds);
            ulong elapsed = TscClock.Nanoseconds() - start;
            ThreadWaits.JoinOrFail(waker, wakerId, "the waker finished");
            Expect.True(woken, "BlockUntil reports the Wake");
            Expect.Equal(1, s_step, "Wake found the thread blocked");
            Expect.True(elapsed < GiveUpNanoseconds, "it ended long before its deadline");
        }

        private static void SleepIsNotCutShortByWake()
        {
            s_step = 0;
            s_sleeper = Scheduler.Current;
            Thread waker = Spawn(&WakeSleeperSoon, 0);
            ulong wakerId = waker.Id;
            ulong start = TscClock.Nanoseconds();
            Scheduler.Sleep(20 * Millisecond);
            ulong elapsed = TscClock.Nanoseconds() - start;
            ThreadWaits.JoinOrFail(waker, wakerId, "the waker finished");
            Expect.Equal(-1, s_step, "Wake of a sleeping thread reports it was not blocked");
            Expect.True(elapsed >= 20 * Millisecond, "the sleep lasted as asked");
            // The wake was kept: the next Block returns at once.
            ulong blockStart = TscClock.Nanoseconds();
            Scheduler.Block();
            Expect.True(TscClock.Nanoseconds() - blockStart < GiveUpNanoseconds, "the kept wake-up ended the next Block");
        }

        private static void TimedWaitGivesUpAndLeavesTheQueue()
        {
            s_waitQueue = new WaitQueue("test-wait");
            s_flag = 0;
            ulong start = TscClock.Nanoseconds();
            bool satisfied = s_waitQueue.WaitUntil(&FlagSet, 0, 5 * Millisecond);
            ulong elapsed = TscClock.Nanoseconds() - start;
            Expect.False(satisfied, "the condition never held");
            Expect.True(elapsed >= 5 * Millisecond, "not before the timeout");
            Expect.Equal(0, s_waitQueue.Count, "the thread left the queue");
        }

        private static void SetFlagAndWakeAllSoon(nint unused)
        {
            Scheduler.Sleep(2 * Millisecond);
            s_flag = 1;
            s_waitQueue.WakeAll();
        }

        private static void TimedWaitSucceedsWhenWoken()
        {
            s_waitQueue = new WaitQueue("test-wait");
            s_flag = 0;
            Thread setter = Spawn(&SetFlagAndWakeAllSoon, 0);
            ulong setterId = setter.Id;
            ulong start = TscClock.Nanoseconds();
            bool satisfied = s_waitQueue.WaitUntil(&FlagSet, 0, GiveUpNanoseconds);
            ulong elapsed = TscClock.Nanoseconds() - start;
            ThreadWaits.JoinOrFail(setter, setterId, "the setter finished");
            Expect.True(satisfied, "the condition held");
            Expect.True(elapsed < GiveUpNanoseconds, "woken long before the timeout");
            Expect.Equal(0, s_waitQueue.Count, "nobody left in the queue");
        }

        private static void WaitQueueWakeAllReleasesEveryone()
        {
            s_waitQueue = new WaitQueue("test-wait");
            s_flag = 0;
            s_order = 0;
            var threads = new Thread[4];
            var ids = new ulong[4];
            for (int i = 0; i < 4; i++)
            {
                threads[i] = Scheduler.Create(&WaitThenRecord, i + 1);
                Expect.NotNull(threads[i], "waiter created (on any CPU)");
                ids[i] = threads[i].Id;
            }
            WaitForWaiters(4);
            Expect.Equal(4, s_waitQueue.Count, "four threads wait");
            s_flag = 1;
            Expect.Equal(4, s_waitQueue.WakeAll(), "WakeAll woke four");
            for (int i = 0; i < 4; i++)
                ThreadWaits.JoinOrFail(threads[i], ids[i], "every waiter finished");
            Expect.Equal(4, s_order, "every waiter saw the condition");
        }
    }
}
