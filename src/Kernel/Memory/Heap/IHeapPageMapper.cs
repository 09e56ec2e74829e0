// What FramePageSource needs from the page-table code: map a run of 4 KiB pages of the kernel address
// space to frames (present, writable, never executable) in one call, unmap one page again, handing back
// its frame, and unmap a whole run at once, because every kernel unmap is a TLB shootdown to every CPU and
// a run should cost one, not one per page.
// The implementation (the paging work) owns the page tables, allocates table frames itself and flushes
// the TLB entry on unmap; it must not allocate from the kernel heap (the heap calls it while growing).
namespace MinimalOS.Kernel.Memory.Heap
{
    public interface IHeapPageMapper
    {
        /// <summary>
        /// Maps the <paramref name="count"/> pages from <paramref name="start"/> to <paramref name="frames"/>[0..count)
        /// in one call (one page-table walk per table, not per page); false (nothing changed) when a table
        /// frame is missing or a page is already mapped.
        /// </summary>
        unsafe bool TryMapRun(VirtualAddress start, PhysicalAddress* frames, int count);

        /// <summary>Unmaps <paramref name="page"/> and returns the frame it mapped; false when it was not mapped.</summary>
        bool TryUnmap(VirtualAddress page, out PhysicalAddress frame);

        /// <summary>
        /// Unmaps the <paramref name="count"/> pages from <paramref name="start"/> in one change (one TLB
        /// shootdown) and writes their frames to <paramref name="frames"/>[0..count); false (nothing changed)
        /// unless every one of them is mapped as a 4 KiB page.
        /// </summary>
        unsafe bool TryUnmapRun(VirtualAddress start, int count, PhysicalAddress* frames);
    }
}
