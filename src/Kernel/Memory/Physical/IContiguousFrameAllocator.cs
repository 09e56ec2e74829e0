// The part of a frame allocator that hands out aligned runs of frames and says how many are free: what
// boot code needs to turn free memory into untyped regions. FrameAllocator and its locked kernel wrapper
// implement it.
namespace MinimalOS.Kernel.Memory.Physical
{
    public interface IContiguousFrameAllocator
    {
        bool TryAllocateContiguous(ulong frameCount, ulong alignmentBytes, bool below4GiB, out PhysicalAddress start);

        FrameStatistics Statistics { get; }
    }
}
