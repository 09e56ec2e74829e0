// Kernel tests of cooperative kernel threads on the boot CPU: the order in which yielding threads run,
// per-thread FPU/SSE state, block/wake (also of the boot thread, woken from a timer interrupt while the
// idle thread halts), stack guard pages, and that a thousand threads created and exited leave no stack or
// frame behind. Assertions run only on the boot thread: a failed assertion unwinds to the test runner's
// resume point on the boot stack, which must not happen from another thread's stack. Every thread here is
// pinned to CPU 0, where the (pinned) boot thread runs, so the orders these tests expect hold with any
// number of CPUs; SMP behaviour has its own tests.
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Arch.X86_64.Apic;
using MinimalOS.Kernel.Arch.X86_64.Interrupts;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Paging;
using MinimalOS.Kernel.Memory.Physical;
using MinimalOS.Kernel.Scheduling;
using MinimalOS.Kernel.Threads;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class ThreadTests
    {
        private const uint DefaultMxcsr = 0x1F80;
        private const uint RoundDown = 1u << 13;
        private const uint RoundUp = 2u << 13;

        private static readonly int[] s_trace = new int[16];
        private static int s_traceLength;
        private static readonly uint[] s_mxcsrAtStart = new uint[2];
        private static readonly bool[] s_mxcsrKept = new bool[2];
        private static int s_step;
        private static int s_exited;
        private static Thread s_threadToWake;
        private static ulong s_observedStackPointer;

        public static void Register(KernelTestList tests)
        {
            tests.Add("Threads.YieldingThreadsInterleaveInOrder", &YieldingThreadsInterleaveInOrder);
            tests.Add("Threads.FpuStateIsPerThread", &FpuStateIsPerThread);
            tests.Add("Threads.BlockedThreadRunsOnlyAfterWake", &BlockedThreadRunsOnlyAfterWake);
            tests.Add("Threads.BootThreadBlocksAndIsWokenByAThread", &BootThreadBlocksAndIsWokenByAThread);
            tests.Add("Threads.IdleHaltsUntilATimerInterruptWakes", &IdleHaltsUntilATimerInterruptWakes);
            tests.Add("Threads.StackHasAnUnmappedGuardPage", &StackHasAnUnmappedGuardPage);
            tests.Add("Threads.ThousandThreadsLeaveNoStacksOrFrames", &ThousandThreadsLeaveNoStacksOrFrames);
        }

        private static Thread CreateOrFail(delegate*<nint, void> entry, nint argument)
        {
            Thread thread = Scheduler.Create(entry, argument, Scheduler.DefaultPriority, cpu: 0);
            Expect.NotNull(thread, "thread created");
            Expect.Equal((long)ThreadState.Ready, (long)thread.State, "a new thread is ready");
            return thread;
        }

        private static void Join(Thread thread)
        {
            while (thread.State != ThreadState.Dead)
                Scheduler.Yield();
        }

        // Interrupts off (each thread keeps its own flag across switches): a slice that ends while the host
        // is loaded must not preempt a thread here, or the order would depend on timing, not on Yield.
        private static void TraceThreeTimes(nint id)
        {
            Cpu.DisableInterrupts();
            for (int i = 0; i < 3; i++)
            {
                s_trace[s_traceLength++] = (int)id * 10 + i;
                Scheduler.Yield();
            }
        }

        private static void YieldingThreadsInterleaveInOrder()
        {
            s_traceLength = 0;
            // A failed expectation resumes the runner with its saved flags, so interrupts come back on.
            Cpu.DisableInterrupts();
            Thread first = CreateOrFail(&TraceThreeTimes, 1);
            Thread second = CreateOrFail(&TraceThreeTimes, 2);
            Join(first);
            Join(second);
            Cpu.EnableInterrupts();
            Expect.Equal(6, s_traceLength, "six steps traced");
            int[] expected = { 10, 20, 11, 21, 12, 22 };
            for (int i = 0; i < expected.Length; i++)
                Expect.Equal(expected[i], s_trace[i], "round-robin order");
            Expect.Equal((long)ThreadState.Running, (long)Scheduler.Current.State, "the boot thread runs again");
        }

        // Each thread sets its own SSE rounding mode, then yields several times while the other does the same.
        private static void KeepRoundingMode(nint index)
        {
            s_mxcsrAtStart[index] = Cpu.ReadMxcsr();
            uint mine = DefaultMxcsr | (index == 0 ? RoundDown : RoundUp);
            Cpu.WriteMxcsr(mine);
            bool kept = true;
            for (int i = 0; i < 4; i++)
            {
                Scheduler.Yield();
                kept &= Cpu.ReadMxcsr() == mine;
            }
            s_mxcsrKept[index] = kept;
            Cpu.WriteMxcsr(DefaultMxcsr);
        }

        private static void FpuStateIsPerThread()
        {
            uint bootMxcsr = Cpu.ReadMxcsr();
            Thread first = CreateOrFail(&KeepRoundingMode, 0);
            Thread second = CreateOrFail(&KeepRoundingMode, 1);
            Join(first);
            Join(second);
            Expect.Equal(DefaultMxcsr, s_mxcsrAtStart[0], "a new thread starts with the default MXCSR");
            Expect.Equal(DefaultMxcsr, s_mxcsrAtStart[1], "a new thread starts with the default MXCSR");
            Expect.True(s_mxcsrKept[0], "the first thread kept its rounding mode across switches");
            Expect.True(s_mxcsrKept[1], "the second thread kept its rounding mode across switches");
            Expect.Equal(bootMxcsr, Cpu.ReadMxcsr(), "the boot thread's MXCSR is untouched");
        }

        private static void StepBlockStep(nint unused)
        {
            s_step = 1;
            Scheduler.Block();
            s_step = 2;
        }

        private static void BlockedThreadRunsOnlyAfterWake()
        {
            s_step = 0;
            Thread worker = CreateOrFail(&StepBlockStep, 0);
            Scheduler.Yield();
            Expect.Equal(1, s_step, "the worker ran up to Block");
            Expect.Equal((long)ThreadState.Blocked, (long)worker.State, "the worker is blocked");
            Scheduler.Yield();
            Expect.Equal(1, s_step, "a blocked thread does not run");
            Expect.True(Scheduler.Wake(worker), "Wake of a blocked thread");
            Expect.False(Scheduler.Wake(worker), "a second Wake does nothing");
            Join(worker);
            Expect.Equal(2, s_step, "the worker ran on after Wake");
        }

        private static void WakeTheBlockedThread(nint unused)
        {
            s_step = 1;
            Scheduler.Wake(s_threadToWake);
        }

        private static void BootThreadBlocksAndIsWokenByAThread()
        {
            s_step = 0;
            s_threadToWake = Scheduler.Current;
            Thread waker = CreateOrFail(&WakeTheBlockedThread, 0);
            Scheduler.Block();
            Expect.Equal(1, s_step, "the waker ran while the boot thread was blocked");
            Join(waker);
        }

        private static void WakeFromTimer(ref InterruptFrame frame)
        {
            s_step = 1;
            Scheduler.Wake(s_threadToWake);
        }

        private static void IdleHaltsUntilATimerInterruptWakes()
        {
            s_step = 0;
            s_threadToWake = Scheduler.Current;
            delegate*<ref InterruptFrame, void> scheduler = LocalApicTimer.Handler;
            LocalApicTimer.SetHandler(&WakeFromTimer);
            Expect.True(LocalApicTimer.ArmOneShot(2_000_000), "timer armed");
            // Nothing else is ready: the idle thread halts until the timer interrupt wakes this thread.
            Scheduler.Block();
            LocalApicTimer.SetHandler(scheduler);
            Scheduler.ReprogramTimer();
            Expect.Equal(1, s_step, "woken by the timer interrupt");
        }

        private static void RecordStackPointer(nint unused) => s_observedStackPointer = Cpu.StackPointer();

        private static void StackHasAnUnmappedGuardPage()
        {
            Thread thread = CreateOrFail(&RecordStackPointer, 0);
            KernelStack stack = thread.Stack;
            AddressSpace live = AddressSpace.OverExisting(new PhysicalAddress(Cpu.ReadCr3()), KernelAddressSpace.DirectMap, KernelAddressSpace.Frames, new ProcessorTlb(), KernelAddressSpace.NoExecuteSupported);
            Expect.Equal((long)PagingResult.NotMapped, (long)live.Translate(stack.Guard, out _), "the guard page is not mapped");
            Expect.Equal((long)PagingResult.Success, (long)live.Translate(stack.Bottom, out _), "the stack's lowest page is mapped");
            Join(thread);
            // A dead thread's stack may be kept mapped for reuse: empty the cache to see it unmapped.
            Scheduler.Yield();
            ThreadRecycler.TrimStacks();
            Expect.True(stack.Contains(s_observedStackPointer), "the thread ran on its own stack");
            Expect.Equal((long)PagingResult.NotMapped, (long)live.Translate(stack.Bottom, out _), "the dead thread's stack is unmapped");
        }

        private static void CountExit(nint unused) => s_exited++;

        private static void CreateAndJoinBatch(int count)
        {
            Thread last = null;
            for (int i = 0; i < count; i++)
                last = CreateOrFail(&CountExit, i);
            // Round robin: the last one created is the last to run.
            Join(last);
        }

        private static void ThousandThreadsLeaveNoStacksOrFrames()
        {
            const int Batch = 10;
            // Fills the pool of thread objects first, so the heap does not grow during the measurement.
            CreateAndJoinBatch(Batch);
            Scheduler.Yield();
            ulong framesBefore = PhysicalMemory.Frames.Statistics.UsedFrames;
            int stacksBefore = KernelStacks.Allocator.LiveStacks;
            s_exited = 0;
            for (int i = 0; i < 1000 / Batch; i++)
                CreateAndJoinBatch(Batch);
            // The last thread's stack is freed by the next switch into another thread: this one.
            Scheduler.Yield();
            Expect.Equal(1000, s_exited, "every thread ran and exited");
            Expect.Equal((long)stacksBefore, (long)KernelStacks.Allocator.LiveStacks, "no stack left allocated");
            Expect.Equal(framesBefore, PhysicalMemory.Frames.Statistics.UsedFrames, "no frame left allocated");
        }
    }
}
