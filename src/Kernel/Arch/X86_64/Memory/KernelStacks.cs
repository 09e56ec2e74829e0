// The kernel's stack allocator: stacks with guard pages in KernelMemoryLayout's stacks area of the kernel
// address space, with frames from the physical memory manager. Created on first use, after
// KernelAddressSpace.Initialize; not thread-safe (CPU bring-up is serialised).
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Arch.X86_64
{
    internal static class KernelStacks
    {
        private static KernelStackAllocator s_allocator;

        /// <summary>The allocator, or null before the kernel address space exists.</summary>
        public static KernelStackAllocator Allocator
        {
            get
            {
                if (s_allocator is null && KernelAddressSpace.Space is not null)
                    s_allocator = new KernelStackAllocator(KernelAddressSpace.Space, KernelAddressSpace.Frames,
                        new VirtualAddress(KernelMemoryLayout.StacksBase), KernelMemoryLayout.StacksSize, KernelAddressSpace.NoExecuteSupported);
                return s_allocator;
            }
        }
    }
}
