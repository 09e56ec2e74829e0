// Where 4 KiB physical frames come from: the physical memory manager in the kernel, simple fakes in host
// tests. Page-table code and the heap take frames through this and nothing else.
namespace MinimalOS.Kernel.Memory
{
    public interface IFrameAllocator
    {
        /// <summary>One frame, contents undefined; false when memory is exhausted.</summary>
        bool TryAllocate(out PhysicalAddress frame);

        /// <summary>One frame filled with zeros; false when memory is exhausted.</summary>
        bool TryAllocateZeroed(out PhysicalAddress frame);

        /// <summary>Returns a frame; freeing one that is not allocated (or reserved) is reported, not ignored.</summary>
        void Free(PhysicalAddress frame);
    }
}
