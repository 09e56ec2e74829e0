// The cooperative scheduler of the boot CPU: the boot flow becomes thread 0, an idle thread halts when no
// thread is ready, and threads give up the CPU only through Yield, Block or Exit (preemption from the LAPIC
// timer and other CPUs come later). Every switch runs with interrupts disabled and each thread gets its own
// interrupt flag back when it resumes. A dead thread's stack is freed by the next thread that runs, never
// by the dying thread while it still runs on it. Not safe on more than one CPU.
using System.Runtime;
using System.Runtime.CompilerServices;
using MinimalOS.Kernel.Diagnostics;
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.Memory.Paging;
using MinimalOS.Kernel.Scheduling;
using MinimalOS.Kernel.Threads;

namespace MinimalOS.Kernel.Arch.X86_64.Threads
{
    internal static unsafe class Scheduler
    {
        private const ulong InterruptFlag = 1UL << 9;

        [RuntimeImport("*", "context_switch")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void ContextSwitch(ulong* saveStackPointer, ulong loadStackPointer, byte* saveFpu, byte* loadFpu);

        // Priority levels with round-robin inside a level; the idle thread is never queued.
        private static readonly RunQueue s_ready = new RunQueue();
        private static Thread s_current;
        private static Thread s_idle;
        // The thread that died in the last switch, waiting for its stack to be freed.
        private static Thread s_deadToReclaim;
        // Reclaimed thread objects, reused by Create: there is no GC to free them.
        private static Thread s_pool;

        public static bool IsStarted => s_current is not null;

        /// <summary>The thread running on this CPU (null before Start).</summary>
        public static Thread Current => s_current;

        /// <summary>Makes the running boot flow thread 0 and creates the idle thread; false (logged) if it cannot.</summary>
        public static bool Start()
        {
            if (s_current is not null)
                return true;
            if (KernelStacks.Allocator is null)
            {
                Log.Error("sched", $"no threads: the kernel address space is not up");
                return false;
            }
            s_current = Thread.ForBootThread();
            s_idle = NewThread(&IdleLoop, 0, int.MinValue);
            if (s_idle is null)
            {
                s_current = null;
                Log.Error("sched", $"no threads: no stack for the idle thread");
                return false;
            }
            Log.Info("sched", $"cooperative threads on the boot CPU: boot thread {s_current.Id}, idle thread {s_idle.Id}");
            return true;
        }

        /// <summary>
        /// Creates a ready thread that runs <paramref name="entry"/>(<paramref name="argument"/>) with interrupts
        /// enabled and exits when it returns. Null when no stack can be had (out of frames or stack space).
        /// Once the thread is dead and reclaimed, its object may be handed out again by a later Create (there
        /// is no GC): whoever keeps a reference compares Id.
        /// </summary>
        public static Thread Create(delegate*<nint, void> entry, nint argument, int priority = 0)
        {
            if (s_current is null || entry is null || !RunQueue.IsValidPriority(priority))
                return null;
            bool interrupts = DisableInterrupts();
            Thread thread = NewThread(entry, argument, priority);
            if (thread is not null)
                MakeReady(thread);
            Restore(interrupts);
            return thread;
        }

        /// <summary>Lets every other ready thread run once; returns at once when none is ready.</summary>
        public static void Yield()
        {
            bool interrupts = DisableInterrupts();
            if (s_current is not null && !s_ready.IsEmpty)
            {
                s_current.State = ThreadState.Ready;
                if (s_current != s_idle)
                    MakeReady(s_current);
                SwitchToNext();
            }
            Restore(interrupts);
        }

        /// <summary>Stops the running thread until someone calls Wake on it (the idle thread runs meanwhile if nobody else can).</summary>
        public static void Block()
        {
            bool interrupts = DisableInterrupts();
            if (s_current is null || s_current == s_idle)
                Panic.Halt("Scheduler.Block: no thread to block (scheduler not started, or the idle thread)");
            s_current.State = ThreadState.Blocked;
            SwitchToNext();
            Restore(interrupts);
        }

        /// <summary>Makes a blocked thread ready again; false (nothing done) when it was not blocked. Safe from interrupt handlers.</summary>
        public static bool Wake(Thread thread)
        {
            if (thread is null)
                return false;
            bool interrupts = DisableInterrupts();
            bool woken = thread.State == ThreadState.Blocked;
            if (woken)
            {
                thread.State = ThreadState.Ready;
                MakeReady(thread);
            }
            Restore(interrupts);
            return woken;
        }

        /// <summary>Ends the running thread; what its entry returning does. The boot and idle threads may not exit.</summary>
        public static void Exit()
        {
            DisableInterrupts();
            Thread dying = s_current;
            if (dying is null || dying == s_idle || dying.Stack.IsEmpty)
                Panic.Halt("Scheduler.Exit: the boot and idle threads cannot exit");
            dying.State = ThreadState.Dead;
            s_deadToReclaim = dying;
            SwitchToNext();
            Panic.Halt("Scheduler.Exit: a dead thread was switched back in");
        }

        private static void MakeReady(Thread thread) => s_ready.Enqueue(thread.QueueNode, thread.Priority);

        private static Thread NewThread(delegate*<nint, void> entry, nint argument, int priority)
        {
            if (KernelStacks.Allocator.TryAllocate(Thread.StackPages, out Memory.KernelStack stack) != PagingResult.Success)
                return null;
            Thread recycled = s_pool;
            if (recycled is not null)
                s_pool = recycled.Next;
            return Thread.Prepare(recycled, stack, entry, argument, priority);
        }

        // Interrupts are off. Runs the next ready thread (the idle thread if none) and returns when this one is switched back in.
        private static void SwitchToNext()
        {
            Thread next = s_ready.TryDequeue(out RunQueueNode node) ? (Thread)node.Owner : s_idle;
            Thread previous = s_current;
            if (next == previous)
            {
                previous.State = ThreadState.Running;
                return;
            }
            next.State = ThreadState.Running;
            s_current = next;
            // No GC moves objects: fixed only satisfies the compiler.
            fixed (ulong* save = &previous.SavedStackPointer)
                ContextSwitch(save, next.SavedStackPointer, previous.FpuArea, next.FpuArea);
            FinishSwitch();
        }

        // Runs on the thread just switched in, interrupts off: frees the stack of the thread that died to get here.
        private static void FinishSwitch()
        {
            Thread dead = s_deadToReclaim;
            if (dead is null)
                return;
            s_deadToReclaim = null;
            if (!KernelStacks.Allocator.Free(dead.Stack))
                Log.Error("sched", $"thread {dead.Id}: its stack could not be freed");
            dead.DropStack();
            dead.Next = s_pool;
            s_pool = dead;
        }

        // The first code of every new thread, reached from context_thread_trampoline with interrupts off.
        [RuntimeExport("scheduler_thread_start")]
        private static void ThreadStart()
        {
            FinishSwitch();
            Cpu.EnableInterrupts();
            Thread self = s_current;
            self.Entry(self.Argument);
            Exit();
        }

        private static void IdleLoop(nint unused)
        {
            while (true)
            {
                Cpu.DisableInterrupts();
                if (s_ready.IsEmpty)
                    Cpu.EnableInterruptsAndHalt();
                else
                    Yield();
            }
        }

        private static bool DisableInterrupts()
        {
            bool enabled = (Cpu.ReadRflags() & InterruptFlag) != 0;
            Cpu.DisableInterrupts();
            return enabled;
        }

        private static void Restore(bool interruptsEnabled)
        {
            if (interruptsEnabled)
                Cpu.EnableInterrupts();
        }
    }
}
