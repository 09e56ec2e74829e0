// What became of a request to free frames. Anything but Freed means the request was refused whole: the
// bitmap is unchanged, the allocator logged an error line naming the address, and FreeErrors went up.
namespace MinimalOS.Kernel.Memory.Physical
{
    public enum FrameFreeResult : byte
    {
        Freed,
        /// <summary>The address is not at the start of a 4 KiB frame, or the run length is zero.</summary>
        Misaligned,
        /// <summary>Past the last frame the allocator manages.</summary>
        OutOfRange,
        /// <summary>Never allocatable: firmware, the kernel image, the bitmap, low memory...</summary>
        Reserved,
        /// <summary>Free already (a double free, or a frame nobody allocated).</summary>
        NotAllocated,
    }
}
