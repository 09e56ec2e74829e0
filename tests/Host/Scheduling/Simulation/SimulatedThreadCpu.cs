// The host tests' side of ThreadCpu (declared in src/Kernel/Threads): stacks and FPU areas are native
// host memory (a 512-byte FXSAVE-sized area, zeroed when initialised). A new thread's first frame is just
// its stack address: the simulated context switch starts a host thread for any flow it has not seen.
// Never used by the kernel.
using System.Runtime.InteropServices;
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Threads
{
    internal static unsafe partial class ThreadCpu
    {
        private const int PageBytes = 4096;

        public static partial int FpuAreaSize => 512;

        public static partial int FpuAreaAlignment => 64;

        public static partial void InitializeFpuArea(byte* area) => NativeMemory.Clear(area, (nuint)FpuAreaSize);

        public static partial byte* AllocatePermanentFpuArea()
        {
            byte* area = (byte*)NativeMemory.AlignedAlloc((nuint)FpuAreaSize, (nuint)FpuAreaAlignment);
            InitializeFpuArea(area);
            return area;
        }

        public static partial ulong BuildFirstFrame(byte* below) => (ulong)below;

        public static partial bool StacksAvailable => true;

        public static partial bool TryAllocateStack(int pages, out KernelStack stack)
        {
            ulong bytes = (ulong)pages * PageBytes;
            ulong bottom = (ulong)NativeMemory.AlignedAlloc((nuint)bytes, PageBytes);
            stack = new KernelStack(new VirtualAddress(bottom), new VirtualAddress(bottom + bytes));
            return true;
        }

        public static partial bool FreeStack(in KernelStack stack)
        {
            NativeMemory.AlignedFree((void*)stack.Bottom.Value);
            return true;
        }
    }
}
