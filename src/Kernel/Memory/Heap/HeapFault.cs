// What the heap found wrong with a Free or with a block it was about to hand out. The heap only records a
// fault (it never logs or panics itself, so it cannot recurse or report from an inconsistent state); the
// kernel's KernelHeap decides what a fault means (panic in debug builds, an error line otherwise).
namespace MinimalOS.Kernel.Memory.Heap
{
    public enum HeapFault
    {
        None,
        /// <summary>The pointer is outside the heap's virtual range: not from this heap at all.</summary>
        OutsideHeap,
        /// <summary>Inside the heap's range but not the start of a live block (interior pointer, freed page, garbage).</summary>
        NotABlock,
        /// <summary>The block is already free.</summary>
        DoubleFree,
        /// <summary>A free block's poison pattern changed: something wrote to it after it was freed (debug checks only).</summary>
        WriteAfterFree,
    }
}
