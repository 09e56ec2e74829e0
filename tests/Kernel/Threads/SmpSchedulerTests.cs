// Kernel tests of the scheduler across CPUs; they hold for any CPU count (with one CPU they check the
// single-CPU version of each claim). Every online CPU runs threads; threads on all CPUs increment a shared
// counter under a spinlock and the total is exact; a thousand unpinned threads come and go without leaking
// stacks or frames; a thread blocked on another CPU runs there once woken from this one, and sleeps there
// no shorter than asked; idle CPUs steal queued work; a more urgent thread made ready for a busy CPU
// preempts it at once (the reschedule IPI); idle CPUs take no timer interrupts. Workers never assert; they record, with bounded waits.
using System.Threading;
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Arch.X86_64.Apic;
using MinimalOS.Kernel.Arch.X86_64.Interrupts;
using MinimalOS.Kernel.Arch.X86_64.Smp;
using MinimalOS.Kernel.Arch.X86_64.Sync;
using MinimalOS.Kernel.Memory.Physical;
using MinimalOS.Kernel.Scheduling;
using MinimalOS.Kernel.Threads;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class SmpSchedulerTests
    {
        private const ulong Millisecond = ThreadWaits.Millisecond;
        private const ulong GiveUpNanoseconds = ThreadWaits.GiveUpNanoseconds;
        private const int CounterThreads = 8;
        // Modest, because on a host with fewer cores than virtual CPUs every ticket hand-over may wait for the
        // host to run the next waiter's virtual CPU.
        private const int IncrementsPerThread = 2_000;

        private static readonly int[] s_ranOn = new int[CpuLocals.MaxCpus];
        private static readonly int[] s_workerCpu = new int[CounterThreads];
        private static SpinLock s_counterLock;
        private static long s_counter;
        private static int s_exited;
        private static volatile int s_release;
        private static volatile int s_step;
        private static ulong s_slept;

        public static void Register(KernelTestList tests)
        {
            tests.Add("Smp.EveryCpuRunsThreads", &EveryCpuRunsThreads);
            tests.Add("Smp.SharedCounterUnderSpinlockIsExact", &SharedCounterUnderSpinlockIsExact);
            tests.Add("Smp.ThousandThreadsOnAllCpusLeaveNothingBehind", &ThousandThreadsOnAllCpusLeaveNothingBehind);
            tests.Add("Smp.ThreadWokenFromAnotherCpuRuns", &ThreadWokenFromAnotherCpuRuns);
            tests.Add("Smp.SleepOnAnotherCpuNeverWakesEarly", &SleepOnAnotherCpuNeverWakesEarly);
            tests.Add("Smp.IdleCpusStealQueuedWork", &IdleCpusStealQueuedWork);
            tests.Add("Smp.MoreUrgentThreadPreemptsAnotherCpu", &MoreUrgentThreadPreemptsAnotherCpu);
            tests.Add("Smp.IdleCpusTakeNoTimerInterrupts", &IdleCpusTakeNoTimerInterrupts);
        }

        private static int LastCpu => Scheduler.ProcessorCount - 1;

        private static void RecordCpu(nint slot) => s_ranOn[slot] = ThisCpu.Index;

        private static void EveryCpuRunsThreads()
        {
            int cpus = Scheduler.ProcessorCount;
            Expect.True(cpus >= 1, "the scheduler runs somewhere");
            var threads = new Thread[cpus];
            var ids = new ulong[cpus];
            for (int cpu = 0; cpu < cpus; cpu++)
            {
                s_ranOn[cpu] = -1;
                Expect.NotNull(Scheduler.ProcessorAt(cpu), "every CPU index below the count runs the scheduler");
                threads[cpu] = Scheduler.Create(&RecordCpu, cpu, Scheduler.DefaultPriority, cpu);
                Expect.NotNull(threads[cpu], "thread pinned to the CPU created");
                ids[cpu] = threads[cpu].Id;
            }
            for (int cpu = 0; cpu < cpus; cpu++)
                ThreadWaits.JoinOrFail(threads[cpu], ids[cpu], "the pinned thread finished");
            for (int cpu = 0; cpu < cpus; cpu++)
                Expect.Equal(cpu, s_ranOn[cpu], "the thread ran on the CPU it was pinned to");
        }

        private static void IncrementMany(nint slot)
        {
            s_workerCpu[slot] = ThisCpu.Index;
            for (int i = 0; i < IncrementsPerThread; i++)
            {
                s_counterLock.Acquire();
                // A read-modify-write that is not atomic by itself: only the lock keeps increments from being lost.
                long value = s_counter;
                s_counter = value + 1;
                s_counterLock.Release();
            }
            Interlocked.Increment(ref s_exited);
        }

        private static bool AllCounterThreadsExited() => s_exited == CounterThreads;

        private static void SharedCounterUnderSpinlockIsExact()
        {
            s_counterLock = new SpinLock("test-counter");
            s_counter = 0;
            s_exited = 0;
            for (int i = 0; i < CounterThreads; i++)
            {
                s_workerCpu[i] = -1;
                // Spread over every CPU by pinning: where unpinned threads end up depends on timing.
                Expect.NotNull(Scheduler.Create(&IncrementMany, i, Scheduler.DefaultPriority, i % Scheduler.ProcessorCount), "counter thread created");
            }
            Expect.True(ThreadWaits.Until(&AllCounterThreadsExited), "every counter thread finished");
            Expect.Equal((long)CounterThreads * IncrementsPerThread, s_counter, "the total is exact");
            ulong cpusUsed = 0;
            for (int i = 0; i < CounterThreads; i++)
                cpusUsed |= 1UL << s_workerCpu[i];
            int distinct = 0;
            for (; cpusUsed != 0; cpusUsed &= cpusUsed - 1)
                distinct++;
            int expectedCpus = Scheduler.ProcessorCount < CounterThreads ? Scheduler.ProcessorCount : CounterThreads;
            Expect.Equal(expectedCpus, distinct, "the counter threads ran on every CPU");
        }

        private static void CountExit(nint unused) => Interlocked.Increment(ref s_exited);

        private const int BatchSize = 50;
        private const ulong LayoutSlackFrames = 4;
        // Allocated once: without a GC, arrays made during the measured rounds would show up as used frames.
        private static readonly Thread[] s_batch = new Thread[BatchSize];
        private static readonly ulong[] s_batchIds = new ulong[BatchSize];

        private static bool NothingAwaitsReclaim() => Scheduler.ThreadsAwaitingReclaim == 0;

        private static void RunBatches(int batches, int perBatch)
        {
            Thread[] batch = s_batch;
            ulong[] ids = s_batchIds;
            for (int b = 0; b < batches; b++)
            {
                for (int i = 0; i < perBatch; i++)
                {
                    batch[i] = Scheduler.Create(&CountExit, i);
                    Expect.NotNull(batch[i], "thread created");
                    ids[i] = batch[i].Id;
                }
                // Dead, not just done counting: a thread preempted on its way out still holds its stack.
                for (int i = 0; i < perBatch; i++)
                    ThreadWaits.JoinOrFail(batch[i], ids[i], "a thread of the batch finished");
                // And reclaimed (on other CPUs that happens a little later), so the next batch reuses them.
                Expect.True(ThreadWaits.Until(&NothingAwaitsReclaim), "every dead thread was reclaimed");
            }
        }

        private static void ThousandThreadsOnAllCpusLeaveNothingBehind()
        {
            const int PerBatch = BatchSize;
            s_exited = 0;
            // Warm-up fills the thread pool and the heap, so that the measured rounds need nothing new.
            RunBatches(2, PerBatch);
            // Dead threads' stacks are cached up to a limit, and how many depends on how many threads were
            // alive at once: compare with the cache emptied on both sides.
            ThreadRecycler.TrimStacks();
            ulong framesBefore = PhysicalMemory.Frames.Statistics.UsedFrames;
            int stacksBefore = KernelStacks.Allocator.LiveStacks;
            s_exited = 0;
            RunBatches(1000 / PerBatch, PerBatch);
            Expect.True(s_exited >= 1000, "a thousand threads ran and exited");
            Expect.True(ThreadRecycler.CachedStacks <= ThreadRecycler.StackCacheLimit, "the stack cache stays within its limit");
            ThreadRecycler.TrimStacks();
            Expect.Equal((long)stacksBefore, (long)KernelStacks.Allocator.LiveStacks, "no stack left allocated");
            // Which stack ranges and heap slabs are in use at the end depends on the order CPUs freed them, so
            // a page table or slab page more or less is layout, not a leak; a leak of a thousand threads'
            // stacks (4 frames each) or objects would be hundreds of frames.
            ulong framesAfter = PhysicalMemory.Frames.Statistics.UsedFrames;
            Expect.True(framesAfter <= framesBefore + LayoutSlackFrames, "no frames left allocated (beyond a few page tables or slab pages)");
            Expect.Equal(0, Scheduler.ThreadsAwaitingReclaim, "nothing awaits reclaim");
        }

        private static void BlockThenRecord(nint unused)
        {
            s_step = 1;
            Scheduler.Block();
            s_ranOn[0] = ThisCpu.Index;
            s_step = 2;
        }

        private static bool WorkerBlocked() => s_step == 1 && s_workerThread.State == ThreadState.Blocked;

        private static bool WorkerDone() => s_step == 2;

        private static Thread s_workerThread;

        private static void ThreadWokenFromAnotherCpuRuns()
        {
            s_step = 0;
            s_ranOn[0] = -1;
            int target = LastCpu;
            s_workerThread = Scheduler.Create(&BlockThenRecord, 0, Scheduler.DefaultPriority, target);
            Expect.NotNull(s_workerThread, "worker created");
            Expect.True(ThreadWaits.Until(&WorkerBlocked), "the worker blocked");
            Expect.True(Scheduler.Wake(s_workerThread), "Wake found it blocked");
            Expect.True(ThreadWaits.Until(&WorkerDone), "the woken worker ran on");
            Expect.Equal(target, s_ranOn[0], "it ran on its own CPU");
        }

        private static void SleepAndMeasure(nint milliseconds)
        {
            ulong start = TscClock.Nanoseconds();
            Scheduler.Sleep((ulong)milliseconds * Millisecond);
            s_slept = TscClock.Nanoseconds() - start;
            s_ranOn[0] = ThisCpu.Index;
            s_step = 2;
        }

        private static void SleepOnAnotherCpuNeverWakesEarly()
        {
            s_step = 0;
            s_ranOn[0] = -1;
            Thread sleeper = Scheduler.Create(&SleepAndMeasure, 15, Scheduler.DefaultPriority, LastCpu);
            Expect.NotNull(sleeper, "sleeper created");
            Expect.True(ThreadWaits.Until(&WorkerDone), "the sleeper woke");
            Expect.True(s_slept >= 15 * Millisecond, "it slept at least 15 ms");
            Expect.Equal(LastCpu, s_ranOn[0], "on its own CPU");
        }

        private static volatile bool s_spinnerSawRelease;

        // Spins alone on its CPU, where nothing else waits at its priority: no slice timer is armed, so only
        // the reschedule IPI can make room for the urgent thread that releases it.
        private static void SpinUntilReleasedAndRecord(nint unused)
        {
            s_step = 1;
            SpinUntilReleased(0);
            s_spinnerSawRelease = s_release != 0;
            s_step = 2;
        }

        private static void Release(nint unused) => s_release = 1;

        private static bool SpinnerStarted() => s_step >= 1;

        private static void MoreUrgentThreadPreemptsAnotherCpu()
        {
            s_release = 0;
            s_step = 0;
            s_spinnerSawRelease = false;
            int target = LastCpu;
            Thread spinner = Scheduler.Create(&SpinUntilReleasedAndRecord, 0, Scheduler.DefaultPriority, target);
            Expect.NotNull(spinner, "spinner created");
            Expect.True(ThreadWaits.Until(&SpinnerStarted), "the spinner runs");
            Thread urgent = Scheduler.Create(&Release, 0, Scheduler.DefaultPriority + 8, target);
            Expect.NotNull(urgent, "urgent thread created");
            Expect.True(ThreadWaits.Until(&WorkerDone), "the spinner finished");
            Expect.True(s_spinnerSawRelease, "the urgent thread ran on the spinner's CPU while it spun");
        }

        // Tickless: a CPU with nothing to run and nobody asleep on it halts with its timer stopped.
        private static void IdleCpusTakeNoTimerInterrupts()
        {
            int cpus = Scheduler.ProcessorCount;
            // Give every other CPU time to go idle after the tests before (their last timers may still fire).
            Scheduler.Sleep(30 * Millisecond);
            var before = new ulong[cpus];
            for (int cpu = 1; cpu < cpus; cpu++)
                before[cpu] = LocalApicTimer.InterruptCountOf(cpu);
            Scheduler.Sleep(5 * Scheduler.TimeSliceNanoseconds);
            for (int cpu = 1; cpu < cpus; cpu++)
            {
                Expect.True(Scheduler.ProcessorAt(cpu).IsIdle, "the CPU is idle");
                Expect.Equal(before[cpu], LocalApicTimer.InterruptCountOf(cpu), "an idle CPU took no timer interrupt over five slices");
            }
        }

        private static void SpinUntilReleased(nint unused)
        {
            ulong start = TscClock.Nanoseconds();
            while (s_release == 0 && TscClock.Nanoseconds() - start < GiveUpNanoseconds)
                Cpu.Pause();
        }

        private static void RecordWorkerCpu(nint slot)
        {
            s_workerCpu[slot] = ThisCpu.Index;
            Interlocked.Increment(ref s_exited);
        }

        private static bool WorkersExited() => s_exited == CounterThreads;

        private static int s_spinning;

        private static void CountAndSpinUntilReleased(nint unused)
        {
            Interlocked.Increment(ref s_spinning);
            SpinUntilReleased(0);
        }

        private static bool AllOthersSpinning() => s_spinning == Scheduler.ProcessorCount - 1;

        private static void IdleCpusStealQueuedWork()
        {
            int cpus = Scheduler.ProcessorCount;
            s_release = 0;
            s_exited = 0;
            s_spinning = 0;
            ulong stealsBefore = 0;
            for (int cpu = 0; cpu < cpus; cpu++)
                stealsBefore += Scheduler.ProcessorAt(cpu).Steals;
            // Every other CPU busy, so the unpinned workers below can only queue on this one.
            for (int cpu = 1; cpu < cpus; cpu++)
                Expect.NotNull(Scheduler.Create(&CountAndSpinUntilReleased, 0, Scheduler.DefaultPriority, cpu), "spinner created");
            Expect.True(ThreadWaits.Until(&AllOthersSpinning), "every other CPU runs a spinner");
            for (int i = 0; i < CounterThreads; i++)
            {
                s_workerCpu[i] = -1;
                Expect.NotNull(Scheduler.Create(&RecordWorkerCpu, i), "worker created");
            }
            if (cpus == 1)
            {
                Expect.True(ThreadWaits.Until(&WorkersExited), "every worker ran");
                for (int i = 0; i < CounterThreads; i++)
                    Expect.Equal(0, s_workerCpu[i], "with one CPU every worker ran on it");
                return;
            }
            // This CPU keeps the CPU (interrupts off: no slice ends, no IPI) and frees the others: the queued
            // workers can only run if the CPUs that go idle steal them. It still answers cross-CPU calls.
            Cpu.DisableInterrupts();
            s_release = 1;
            ulong start = TscClock.Nanoseconds();
            while (s_exited != CounterThreads && TscClock.Nanoseconds() - start < GiveUpNanoseconds)
            {
                CrossCpuCall.ServicePending();
                Cpu.Pause();
            }
            Cpu.EnableInterrupts();
            Expect.Equal(CounterThreads, s_exited, "every worker ran while this CPU never let go");
            ulong stealsAfter = 0;
            for (int cpu = 0; cpu < cpus; cpu++)
                stealsAfter += Scheduler.ProcessorAt(cpu).Steals;
            Expect.True(stealsAfter >= stealsBefore + CounterThreads, "idle CPUs stole every worker");
            for (int i = 0; i < CounterThreads; i++)
                Expect.True(s_workerCpu[i] > 0, "a worker queued on CPU 0 ran on another CPU");
        }
    }
}
