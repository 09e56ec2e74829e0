// A kernel thread: its identity, state and priority, its own kernel stack (unmapped guard page below), the
// stack pointer saved when it is switched out, and its FPU state save area (the CPU's save format, sized
// and initialised by ThreadCpu, at the top of its own stack, so threads never see each other's registers),
// plus the scheduler's bookkeeping: the CPU whose queues hold it, whether it is pinned there, a pending
// wake-up and its sleep timer. Only the Scheduler creates, switches and reclaims threads and changes these
// fields (under the lock of the thread's CPU); this type never switches the CPU itself.
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Scheduling;

namespace MinimalOS.Kernel.Threads
{
    internal sealed unsafe class Thread
    {
        public const int StackPages = 4;

        private static long s_nextId = -1;

        public ulong Id { get; private set; }
        public ThreadState State { get; set; }
        /// <summary>Run-queue level, RunQueue.LowestPriority to HighestPriority (higher runs first).</summary>
        public int Priority { get; set; }
        /// <summary>This thread's place in a run queue; made once with the thread, so queueing never allocates.</summary>
        public RunQueueNode QueueNode { get; private set; }
        /// <summary>Empty for the boot thread, whose stack the boot stub set up and nobody frees.</summary>
        public KernelStack Stack { get; private set; }
        public ulong SavedStackPointer;
        public byte* FpuArea { get; private set; }
        public delegate*<nint, void> Entry { get; private set; }
        public nint Argument { get; private set; }
        /// <summary>Link for the scheduler's pool of reclaimed threads and for wait queues.</summary>
        public Thread Next;
        /// <summary>The CPU whose run queue and timers hold this thread (where it runs or last ran).</summary>
        public Processor Processor;
        /// <summary>A Wake that found the thread not blocked: its next Block returns at once.</summary>
        public bool WakePending;
        /// <summary>Set while the thread sleeps in its CPU's timer queue.</summary>
        public TimerHandle SleepTimer;
        /// <summary>The sleep is a Block with a deadline (BlockUntil): a Wake ends it early.</summary>
        public bool WakeableSleep;
        /// <summary>A BlockUntil ended at its deadline rather than by a Wake.</summary>
        public bool TimedOut;
        /// <summary>Nanosecond timestamp at which its current time slice ends (meaningful while it runs).</summary>
        public ulong SliceEnd;
        /// <summary>The Thread kernel object (its ThreadControl) this thread is, 0 for a kernel thread.</summary>
        public nint Owner;
        /// <summary>The user address space it runs in (an AddressSpaceControl), 0 while it has none: the kernel's.</summary>
        public nint UserSpace;
        /// <summary>For a user thread, the top of the room at its stack top where its user registers are saved (RSP0 while it runs); 0 otherwise.</summary>
        public ulong UserFrameTop { get; private set; }

        /// <summary>Made in kernel-object memory (a user thread): never pooled, its stack never cached or freed by the scheduler.</summary>
        public bool IsObjectBacked => Owner != 0;

        private Thread() { }

        /// <summary>The flow already running on a CPU's start-up stack (boot thread, or an AP's idle thread); FPU area from the heap.</summary>
        public static Thread ForRunningFlow(int priority)
        {
            var thread = new Thread();
            thread.Priority = priority;
            thread.QueueNode = new RunQueueNode(thread);
            thread.Id = NextId();
            thread.State = ThreadState.Running;
            thread.FpuArea = ThreadCpu.AllocatePermanentFpuArea();
            return thread;
        }

        /// <summary>
        /// A user thread's scheduler state made in its kernel object's memory (zeroed, <paramref name="threadMemory"/>
        /// big enough for a Thread), over <paramref name="stack"/> from the same object; room for the saved user
        /// registers is kept at the stack top. Not started: the scheduler runs it once StartPlaced is called.
        /// </summary>
        public static Thread PlaceInObject(void* threadMemory, void* nodeMemory, in KernelStack stack, delegate*<nint, void> entry, nint argument, nint owner)
        {
            Thread thread = System.Runtime.ObjectPlacement.Construct<Thread>(threadMemory);
            thread.QueueNode = RunQueueNode.PlaceAt(nodeMemory, thread);
            thread.Owner = owner;
            return Initialize(thread, stack, entry, argument, RunQueue.LowestPriority, UserContext.FrameBytes());
        }

        /// <summary>A new thread object (or <paramref name="recycled"/>, a reclaimed one) whose first switch enters Scheduler.ThreadStart.</summary>
        public static Thread Prepare(Thread recycled, in KernelStack stack, delegate*<nint, void> entry, nint argument, int priority)
        {
            Thread thread = recycled;
            if (thread is null)
            {
                thread = new Thread();
                thread.QueueNode = new RunQueueNode(thread);
            }
            return Initialize(thread, stack, entry, argument, priority, 0);
        }

        private static Thread Initialize(Thread thread, in KernelStack stack, delegate*<nint, void> entry, nint argument, int priority, int userFrameBytes)
        {
            thread.Id = NextId();
            thread.State = ThreadState.Ready;
            thread.Priority = priority;
            thread.Stack = stack;
            thread.Entry = entry;
            thread.Argument = argument;
            thread.Next = null;
            thread.Processor = null;
            thread.WakePending = false;
            thread.SleepTimer = default;
            thread.WakeableSleep = false;
            thread.TimedOut = false;
            thread.QueueNode.IsPinned = false;
            thread.UserSpace = 0;
            byte* area = (byte*)AlignDown(stack.Top.Value - (ulong)ThreadCpu.FpuAreaSize);
            ThreadCpu.InitializeFpuArea(area);
            thread.FpuArea = area;
            // A user thread's saved registers sit right below the FPU area (16-byte aligned, as the area's
            // start is); the first frame goes below them.
            thread.UserFrameTop = userFrameBytes != 0 ? (ulong)area : 0;
            thread.SavedStackPointer = ThreadCpu.BuildFirstFrame(area - ((userFrameBytes + 15) & ~15));
            return thread;
        }

        private static ulong NextId() => (ulong)System.Threading.Interlocked.Increment(ref s_nextId);

        private static ulong AlignDown(ulong address) => address & ~(ulong)(ThreadCpu.FpuAreaAlignment - 1);

        /// <summary>Forgets the stack once the scheduler has freed it.</summary>
        public void DropStack()
        {
            Stack = default;
            FpuArea = null;
        }
    }
}
