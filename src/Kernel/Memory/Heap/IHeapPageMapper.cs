// What FramePageSource needs from the page-table code: map one 4 KiB page of the kernel address space to
// a frame (present, writable, global, never executable) and unmap it again, handing back the frame.
// The implementation (the paging work) owns the page tables, allocates table frames itself and flushes
// the TLB entry on unmap; it must not allocate from the kernel heap (the heap calls it while growing).
namespace MinimalOS.Kernel.Memory.Heap
{
    public interface IHeapPageMapper
    {
        /// <summary>Maps <paramref name="page"/> to <paramref name="frame"/>; false (nothing changed) when a table frame is missing or the page is already mapped.</summary>
        bool TryMap(VirtualAddress page, PhysicalAddress frame);

        /// <summary>Unmaps <paramref name="page"/> and returns the frame it mapped; false when it was not mapped.</summary>
        bool TryUnmap(VirtualAddress page, out PhysicalAddress frame);
    }
}
