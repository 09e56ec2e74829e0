// Kernel tests of the SMP locks on the shared subsystems, on one CPU: the contention body runs clean and
// leaves no frame or heap byte behind (with interrupts on, and with them off throughout), every locked
// path gives the interrupt flag back as it found it, a zeroed frame is zero, and the panic path does not
// wait for a log lock its own CPU holds. Then the contention body from preemptible threads spread over
// every CPU the scheduler runs (on one CPU the threads still interleave between their lock sections).
using System.Threading;
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Arch.X86_64.Sync;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Runtime;
using MinimalOS.Kernel.Scheduling;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class SmpLockTests
    {
        private const ulong InterruptFlag = 1UL << 9;
        private const int StressThreads = 4;
        // Modest: every round unmaps heap pages under the heap lock, and each shootdown needs every virtual CPU
        // to run; on a host with fewer cores than virtual CPUs that costs milliseconds per round.
        private const int StressRounds = 12;
        private const ulong GiveUpNanoseconds = 20_000_000_000;

        private static readonly string[] s_stressResults = new string[StressThreads];
        private static int s_stressDone;

        public static void Register(KernelTestList tests)
        {
            tests.Add("SmpLocks.StressBodyRunsCleanAndBalances", &StressBodyRunsCleanAndBalances);
            tests.Add("SmpLocks.StressBodyRunsWithInterruptsOff", &StressBodyRunsWithInterruptsOff);
            tests.Add("SmpLocks.LockedPathsKeepTheInterruptFlag", &LockedPathsKeepTheInterruptFlag);
            tests.Add("SmpLocks.ZeroedFrameIsZero", &ZeroedFrameIsZero);
            tests.Add("SmpLocks.PanicLineDoesNotWaitForTheLogLockThisCpuHolds", &PanicLineDoesNotWaitForTheLogLockThisCpuHolds);
            tests.Add("SmpLocks.StressBodyFromThreadsOnEveryCpu", &StressBodyFromThreadsOnEveryCpu);
        }

        private static void StressWorker(nint index)
        {
            s_stressResults[index] = SharedSubsystemStress.Run((int)index, StressRounds);
            Interlocked.Increment(ref s_stressDone);
        }

        private static void StressBodyFromThreadsOnEveryCpu()
        {
            s_stressDone = 0;
            int cpus = Scheduler.ProcessorCount;
            Expect.True(cpus >= 1, "the scheduler runs");
            for (int i = 0; i < StressThreads; i++)
            {
                s_stressResults[i] = "did not finish";
                Expect.NotNull(Scheduler.Create(&StressWorker, i, Scheduler.DefaultPriority, i % cpus), "stress thread created");
            }
            ulong start = TscClock.Nanoseconds();
            while (s_stressDone != StressThreads && TscClock.Nanoseconds() - start < GiveUpNanoseconds)
                Scheduler.Sleep(1_000_000);
            Expect.Equal((long)StressThreads, (long)s_stressDone, "every stress thread finished");
            for (int i = 0; i < StressThreads; i++)
                Expect.Null(s_stressResults[i], "a stress thread found a problem");
        }

        private static bool InterruptsEnabled => (Cpu.ReadRflags() & InterruptFlag) != 0;

        private static void StressBodyRunsCleanAndBalances()
        {
            // A first round warms the heap's slabs, so the counts below compare like with like.
            Expect.Null(SharedSubsystemStress.Run(0, 1), "warm-up round");
            ulong frames = KernelAddressSpace.Frames.Statistics.UsedFrames;
            ulong heapBytes = KernelHeap.BytesInUse;
            int stacks = KernelStacks.Allocator.LiveStacks;
            Expect.Null(SharedSubsystemStress.Run(0, 64), "64 rounds");
            Expect.Equal(heapBytes, KernelHeap.BytesInUse, "heap bytes back to where they were");
            Expect.Equal((long)stacks, (long)KernelStacks.Allocator.LiveStacks, "no stack left");
            Expect.True(KernelAddressSpace.Frames.Statistics.UsedFrames <= frames + 8, "frames back (the heap may keep a few empty slabs' pages)");
            Expect.True(InterruptsEnabled, "interrupts still on");
        }

        private static void StressBodyRunsWithInterruptsOff()
        {
            Cpu.DisableInterrupts();
            string problem = SharedSubsystemStress.Run(1, 16);
            bool stillOff = !InterruptsEnabled;
            Cpu.EnableInterrupts();
            Expect.Null(problem, "16 rounds with interrupts off");
            Expect.True(stillOff, "no lock turned interrupts back on");
        }

        private static void LockedPathsKeepTheInterruptFlag()
        {
            Expect.True(InterruptsEnabled, "tests run with interrupts on");
            Expect.True(ExerciseLockedPaths(), "the locked paths work with interrupts on");
            Expect.True(InterruptsEnabled, "and leave them on");
            Cpu.DisableInterrupts();
            bool worked = ExerciseLockedPaths();
            bool stillOff = !InterruptsEnabled;
            Cpu.EnableInterrupts();
            Expect.True(worked, "the locked paths work with interrupts off");
            Expect.True(stillOff, "and leave them off");
        }

        private static bool ExerciseLockedPaths()
        {
            void* block = KernelHeap.Allocate(64);
            KernelHeap.Free(block);
            bool framed = KernelAddressSpace.Frames.TryAllocate(out PhysicalAddress frame);
            if (framed)
                KernelAddressSpace.Frames.Free(frame);
            bool translated = KernelAddressSpace.Space.Translate(new VirtualAddress((ulong)block), out _) == Memory.Paging.PagingResult.Success;
            Logging.Log.Debug("ktest", $"a line through the log lock");
            return block != null && framed && translated;
        }

        private static void ZeroedFrameIsZero()
        {
            Expect.True(KernelAddressSpace.Frames.TryAllocate(out PhysicalAddress dirty), "a frame");
            byte* bytes = KernelAddressSpace.DirectMap.ToPointer(dirty);
            for (int i = 0; i < (int)PageSize.Small; i++)
                bytes[i] = 0xA5;
            KernelAddressSpace.Frames.Free(dirty);
            // First fit: the frame just freed is normally the one handed out again.
            Expect.True(KernelAddressSpace.Frames.TryAllocateZeroed(out PhysicalAddress zeroed), "a zeroed frame");
            bytes = KernelAddressSpace.DirectMap.ToPointer(zeroed);
            bool allZero = true;
            for (int i = 0; i < (int)PageSize.Small; i++)
                allZero &= bytes[i] == 0;
            KernelAddressSpace.Frames.Free(zeroed);
            Expect.True(allZero, "every byte is zero");
            Expect.Equal(dirty.Value, zeroed.Value, "it was the dirtied frame");
        }

        private static void PanicLineDoesNotWaitForTheLogLockThisCpuHolds()
        {
            LogLock logLock = LogLock.Instance;
            Expect.NotNull(logLock, "the log lock is installed at boot");
            ulong start = TscClock.Nanoseconds();
            logLock.Acquire();
            bool granted = logLock.TryAcquireForPanic();
            Logging.Log.WriteFromPanic("ktest", "(expected, not a real panic) written while this CPU holds the log lock"u8);
            logLock.Release();
            ulong elapsed = TscClock.Nanoseconds() - start;
            Expect.False(granted, "the panic path does not take a lock this CPU holds");
            Expect.True(elapsed < 100_000_000, "and does not wait for it");
        }
    }
}
