// What a Thread needs from the machine to exist: a kernel stack, an FPU state area in the CPU's save
// format, and the first frame that makes a new thread's first switch enter Scheduler.ThreadStart. Declared here as partial members; each
// build supplies exactly one implementation: Arch/X86_64/Threads/ThreadCpu.cs in the kernel, a
// simulated machine in tests/Host (bound by the compiler: no dispatch). Must never decide anything about
// threads: it only provides memory and formats.
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Threads
{
    internal static unsafe partial class ThreadCpu
    {
        /// <summary>Bytes of one FPU state area.</summary>
        public static partial int FpuAreaSize { get; }

        /// <summary>Alignment (a power of two) an FPU state area needs.</summary>
        public static partial int FpuAreaAlignment { get; }

        /// <summary>Puts a clean FPU state (what a new thread starts with) into <paramref name="area"/>.</summary>
        public static partial void InitializeFpuArea(byte* area);

        /// <summary>An aligned, initialised FPU area that is never freed (for a CPU's start-up flow).</summary>
        public static partial byte* AllocatePermanentFpuArea();

        /// <summary>
        /// Writes, just below <paramref name="below"/> on a new thread's stack, what the context switch
        /// expects to find there so that switching to the thread enters Scheduler.ThreadStart; returns the
        /// stack pointer to save as the thread's.
        /// </summary>
        public static partial ulong BuildFirstFrame(byte* below);

        /// <summary>Whether stacks can be had yet (false before the kernel address space exists).</summary>
        public static partial bool StacksAvailable { get; }

        /// <summary>A stack of <paramref name="pages"/> pages with a guard page below it; false when none can be had.</summary>
        public static partial bool TryAllocateStack(int pages, out KernelStack stack);

        /// <summary>Frees a stack nobody runs on any more; false (nothing freed) when it was not a live stack.</summary>
        public static partial bool FreeStack(in KernelStack stack);
    }
}
