// Scheduler decisions tested on the host: the kernel's own Scheduler, Thread and timer-queue code running on
// the SimulatedMachine (two CPUs, virtual time), driven from the boot thread. Each test leaves no thread of
// its own behind, because the scheduler, as in the kernel, is started once per process.
using SpinWait = System.Threading.SpinWait;
using MinimalOS.Kernel.Scheduling;
using MinimalOS.Tests.Host.Scheduling.Simulation;
using Xunit;
using KernelThread = MinimalOS.Kernel.Threads.Thread;
using ThreadState = MinimalOS.Kernel.Threads.ThreadState;

namespace MinimalOS.Tests.Host.Scheduling
{
    [Collection("Log")] // the scheduler logs when it starts
    public unsafe class SchedulerTests
    {
        private static KernelThread s_boot;
        private static volatile int s_workerRuns;
        private static int s_workerCpu;
        private static ThreadState s_bootStateSeenByWorker;
        private static bool s_wakeResult;

        private static void Reset()
        {
            s_boot = Scheduler.Current;
            s_workerRuns = 0;
            s_workerCpu = -1;
            s_bootStateSeenByWorker = ThreadState.Dead;
            s_wakeResult = false;
        }

        private static void RecordRun(nint unused)
        {
            s_workerCpu = SchedulerCpu.ThisCpuIndex();
            s_workerRuns++;
        }

        private static void RecordRunAndWakeBoot(nint unused)
        {
            s_bootStateSeenByWorker = s_boot.State;
            RecordRun(0);
            s_wakeResult = Scheduler.Wake(s_boot);
        }

        private static void WaitForReclaim() =>
            Assert.True(SpinWait.SpinUntil(() => Scheduler.ThreadsAwaitingReclaim == 0, 10_000), "dead threads were reclaimed");

        [Fact]
        public void WakeOfARunningThreadIsKeptForItsNextBlock() => SimulatedKernel.RunOnBootThread(() =>
        {
            Reset();
            Processor cpu0 = Scheduler.ProcessorAt(0);
            Assert.False(Scheduler.Wake(s_boot));
            Assert.True(s_boot.WakePending);
            ulong switches = cpu0.Switches;
            Scheduler.Block();
            Assert.Equal(switches, cpu0.Switches);
            Assert.False(s_boot.WakePending);
            Assert.Equal(ThreadState.Running, s_boot.State);
        });

        [Fact]
        public void BlockedThreadRunsAgainOnlyAfterAWake() => SimulatedKernel.RunOnBootThread(() =>
        {
            Reset();
            Assert.NotNull(Scheduler.Create(&RecordRunAndWakeBoot, 0, Scheduler.DefaultPriority, 0));
            Assert.Equal(0, s_workerRuns); // an equal thread waits its turn
            Scheduler.Block();
            Assert.Equal(1, s_workerRuns);
            Assert.Equal(ThreadState.Blocked, s_bootStateSeenByWorker);
            Assert.True(s_wakeResult);
            Assert.Equal(ThreadState.Running, s_boot.State);
            Assert.Equal(0, Scheduler.ThreadsAwaitingReclaim); // the worker's death was handled by the switch back
        });

        [Fact]
        public void MoreUrgentThreadRunsBeforeCreateReturns() => SimulatedKernel.RunOnBootThread(() =>
        {
            Reset();
            Processor cpu0 = Scheduler.ProcessorAt(0);
            ulong preemptions = cpu0.Preemptions;
            Assert.NotNull(Scheduler.Create(&RecordRun, 0, Scheduler.DefaultPriority + 1, 0));
            Assert.Equal(1, s_workerRuns);
            Assert.Equal(0, s_workerCpu);
            Assert.Equal(preemptions + 1, cpu0.Preemptions);
        });

        [Fact]
        public void LessUrgentThreadWaitsUntilTheCpuIsFree() => SimulatedKernel.RunOnBootThread(() =>
        {
            Reset();
            Assert.NotNull(Scheduler.Create(&RecordRun, 0, Scheduler.DefaultPriority - 1, 0));
            Scheduler.Yield(); // a less urgent thread does not get a turn from Yield
            SimulatedMachine.Advance(5 * Scheduler.TimeSliceNanoseconds);
            Assert.Equal(0, s_workerRuns);
            Assert.False(Scheduler.BlockUntil(SchedulerCpu.Nanoseconds() + Scheduler.TimeSliceNanoseconds));
            Assert.Equal(1, s_workerRuns);
            WaitForReclaim();
        });

        [Fact]
        public void ALessUrgentWaiterArmsNoSliceTimer() => SimulatedKernel.RunOnBootThread(() =>
        {
            Reset();
            Processor cpu0 = Scheduler.ProcessorAt(0);
            Assert.NotNull(Scheduler.Create(&RecordRun, 0, Scheduler.DefaultPriority - 1, 0));
            Scheduler.ReprogramTimer();
            // Nothing waiting can preempt the running thread, so no slice end is worth an interrupt.
            Assert.Equal(Processor.NoDeadline, cpu0.ArmedDeadline);
            int interrupts = SimulatedMachine.TimerInterruptsOf(0);
            SimulatedMachine.Advance(5 * Scheduler.TimeSliceNanoseconds);
            Assert.Equal(interrupts, SimulatedMachine.TimerInterruptsOf(0));
            Assert.Equal(0, s_workerRuns);
            Assert.False(Scheduler.BlockUntil(SchedulerCpu.Nanoseconds() + Scheduler.TimeSliceNanoseconds));
            Assert.Equal(1, s_workerRuns);
            WaitForReclaim();
        });

        [Fact]
        public void EqualThreadWaitsForTheEndOfTheSlice() => SimulatedKernel.RunOnBootThread(() =>
        {
            Reset();
            Processor cpu0 = Scheduler.ProcessorAt(0);
            Scheduler.ReprogramTimer();
            ulong created = SchedulerCpu.Nanoseconds();
            ulong preemptions = cpu0.Preemptions;
            Assert.NotNull(Scheduler.Create(&RecordRun, 0, Scheduler.DefaultPriority, 0));
            // The slice starts when the competitor arrives, and the one-shot timer is armed for its end.
            Assert.Equal(created + Scheduler.TimeSliceNanoseconds, s_boot.SliceEnd);
            Assert.Equal(s_boot.SliceEnd, cpu0.ArmedDeadline);
            Assert.Equal(s_boot.SliceEnd, SimulatedMachine.TimerDeadlineOf(0));
            SimulatedMachine.Advance(Scheduler.TimeSliceNanoseconds - 1);
            Assert.Equal(0, s_workerRuns);
            SimulatedMachine.Advance(1);
            Assert.Equal(1, s_workerRuns);
            Assert.Equal(preemptions + 1, cpu0.Preemptions);
            WaitForReclaim();
        });

        [Fact]
        public void LoneThreadGetsNoTimer() => SimulatedKernel.RunOnBootThread(() =>
        {
            Reset();
            Processor cpu0 = Scheduler.ProcessorAt(0);
            ulong switches = cpu0.Switches;
            Scheduler.Yield();
            Scheduler.ReprogramTimer();
            Assert.Equal(switches, cpu0.Switches);
            Assert.Equal(Processor.NoDeadline, cpu0.ArmedDeadline);
            Assert.Equal(SimulatedMachine.TimerStopped, SimulatedMachine.TimerDeadlineOf(0));
            int interrupts = SimulatedMachine.TimerInterruptsOf(0);
            SimulatedMachine.Advance(10 * Scheduler.TimeSliceNanoseconds);
            Assert.Equal(interrupts, SimulatedMachine.TimerInterruptsOf(0));
        });

        [Fact]
        public void UnpinnedThreadIsPlacedOnTheIdleCpu() => SimulatedKernel.RunOnBootThread(() =>
        {
            Reset();
            int kicks = SimulatedMachine.RescheduleInterruptsOf(1);
            Assert.NotNull(Scheduler.Create(&RecordRunAndWakeBoot, 0));
            // The boot thread keeps CPU 0 busy without rescheduling (blocking here would let CPU 0 steal the
            // thread before CPU 1 wakes up), so only the idle CPU can run it.
            Assert.True(SpinWait.SpinUntil(() => s_workerRuns == 1, 10_000), "the new thread ran");
            Assert.Equal(1, s_workerCpu);
            Scheduler.Block(); // consumes the worker's wake-up
            Assert.True(SimulatedMachine.RescheduleInterruptsOf(1) > kicks, "the idle CPU was kicked");
            WaitForReclaim();
        });

        [Fact]
        public void BlockUntilTimesOutNoEarlierThanItsDeadline() => SimulatedKernel.RunOnBootThread(() =>
        {
            Reset();
            ulong deadline = SchedulerCpu.Nanoseconds() + 5_000_000;
            Assert.False(Scheduler.BlockUntil(deadline));
            Assert.True(SchedulerCpu.Nanoseconds() >= deadline);
            Assert.False(s_boot.WakePending);
            Assert.False(s_boot.SleepTimer.IsValid);
        });

        [Fact]
        public void BlockUntilEndsEarlyOnAWake() => SimulatedKernel.RunOnBootThread(() =>
        {
            Reset();
            ulong deadline = SchedulerCpu.Nanoseconds() + 1_000_000_000;
            Assert.NotNull(Scheduler.Create(&RecordRunAndWakeBoot, 0, Scheduler.DefaultPriority, 0));
            Assert.True(Scheduler.BlockUntil(deadline));
            Assert.True(SchedulerCpu.Nanoseconds() < deadline);
            Assert.Equal(ThreadState.Blocked, s_bootStateSeenByWorker);
            Assert.True(s_wakeResult);
            Assert.False(s_boot.SleepTimer.IsValid); // the wake cancelled the timer
            Assert.Equal(0, Scheduler.ProcessorAt(0).Timers.Count);
        });

        [Fact]
        public void SleepIsNotCutShortByAWakeWhichIsKeptForTheNextBlock() => SimulatedKernel.RunOnBootThread(() =>
        {
            Reset();
            ulong start = SchedulerCpu.Nanoseconds();
            Assert.NotNull(Scheduler.Create(&RecordRunAndWakeBoot, 0, Scheduler.DefaultPriority, 0));
            Scheduler.Sleep(2_000_000);
            Assert.True(SchedulerCpu.Nanoseconds() >= start + 2_000_000);
            Assert.Equal(1, s_workerRuns);
            Assert.False(s_wakeResult);
            Assert.True(s_boot.WakePending);
            ulong switches = Scheduler.ProcessorAt(0).Switches;
            Scheduler.Block();
            Assert.Equal(switches, Scheduler.ProcessorAt(0).Switches);
            WaitForReclaim();
        });
    }
}
