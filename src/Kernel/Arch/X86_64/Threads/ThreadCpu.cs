// The x86_64 side of ThreadCpu (declared in src/Kernel/Threads, hence that namespace): FXSAVE/XSAVE areas
// sized and initialised by FpuState, context_switch.asm's first frame, and guarded stacks from the
// kernel's stack allocator. Nothing here decides anything about threads.
using System.Runtime;
using System.Runtime.CompilerServices;
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Paging;

namespace MinimalOS.Kernel.Threads
{
    internal static unsafe partial class ThreadCpu
    {
        // context_switch pops r15, r14, r13, r12, rbx, rbp, then returns: six registers and a return address.
        private const int SavedRegisterCount = 6;

        [RuntimeImport("*", "context_thread_trampoline_address")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern ulong TrampolineAddress();

        public static partial int FpuAreaSize => FpuState.AreaSize;

        public static partial int FpuAreaAlignment => FpuState.AreaAlignment;

        public static partial void InitializeFpuArea(byte* area) => FpuState.InitializeArea(area);

        public static partial byte* AllocatePermanentFpuArea()
        {
            byte* block = (byte*)Runtime.KernelHeap.Allocate((nuint)(FpuState.AreaSize + FpuState.AreaAlignment - 1));
            byte* area = (byte*)(((ulong)block + (ulong)FpuState.AreaAlignment - 1) & ~(ulong)(FpuState.AreaAlignment - 1));
            // XSAVE writes only XSTATE_BV of the header: the rest must start zeroed, or XRSTOR faults on it.
            FpuState.InitializeArea(area);
            return area;
        }

        public static partial ulong BuildFirstFrame(byte* below)
        {
            // The trampoline must see a 16-byte aligned stack: below (an FPU area's start) is.
            ulong* frame = (ulong*)(below - (SavedRegisterCount + 1) * sizeof(ulong));
            for (int i = 0; i < SavedRegisterCount; i++)
                frame[i] = 0;
            frame[SavedRegisterCount] = TrampolineAddress();
            return (ulong)frame;
        }

        public static partial bool StacksAvailable => KernelStacks.Allocator is not null;

        public static partial bool TryAllocateStack(int pages, out KernelStack stack) =>
            KernelStacks.Allocator.TryAllocate(pages, out stack) == PagingResult.Success;

        public static partial bool FreeStack(in KernelStack stack) => KernelStacks.Allocator.Free(stack);
    }
}
