// The kernel's stack allocator: stacks with guard pages in KernelMemoryLayout's stacks area of the kernel
// address space, with frames from the physical memory manager. Created once by KernelAddressSpace.Initialize
// on the boot CPU; from then on safe from any CPU or thread: its own "kernel stacks" lock serialises
// allocations and frees (order: kernel stacks -> kernel address space -> frames).
using MinimalOS.Kernel.Arch.X86_64.Sync;
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Arch.X86_64
{
    internal static class KernelStacks
    {
        private static KernelStackAllocator s_allocator;

        /// <summary>The allocator, or null before the kernel address space exists.</summary>
        public static KernelStackAllocator Allocator => s_allocator;

        /// <summary>Creates the allocator over the kernel address space (once, before any other CPU runs).</summary>
        public static void Initialize()
        {
            if (s_allocator is not null || KernelAddressSpace.Space is null)
                return;
            var allocator = new KernelStackAllocator(KernelAddressSpace.Space, KernelAddressSpace.Frames,
                new VirtualAddress(KernelMemoryLayout.StacksBase), KernelMemoryLayout.StacksSize, KernelAddressSpace.NoExecuteSupported);
            allocator.UseLock(new SpinLock("kernel stacks"));
            s_allocator = allocator;
        }
    }
}
