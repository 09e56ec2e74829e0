// What a page-table operation did: Success, or the one reason it changed nothing. Callers must look at it;
// page-table code never panics on bad input.
namespace MinimalOS.Kernel.Memory.Paging
{
    public enum PagingResult
    {
        Success,
        /// <summary>An address is not canonical (bits 48-63 do not copy bit 47).</summary>
        NonCanonicalAddress,
        /// <summary>An address or size is not a multiple of 4 KiB, or the size is zero.</summary>
        Unaligned,
        /// <summary>The range would run past the top of the address space or through the non-canonical hole.</summary>
        RangeWraps,
        /// <summary>Some page of the range is already mapped.</summary>
        AlreadyMapped,
        /// <summary>Some page of the range is not mapped.</summary>
        NotMapped,
        /// <summary>The frame allocator had no frame for a page table.</summary>
        OutOfFrames,
    }
}
