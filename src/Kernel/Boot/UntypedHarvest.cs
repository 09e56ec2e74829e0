// Turns the physical memory the kernel does not keep for itself into naturally aligned untyped regions
// for the root task, largest first (seL4 hands its root task the same): regions of 2^30 bytes down to
// 2^12 are taken from the frame allocator, which then counts them as used forever - from here on that
// memory is the root task's to retype, and the kernel heap, stacks and page tables live on what is left.
// The kernel keeps KernelReserveBytes, or an eighth of free memory when that is more.
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Physical;

namespace MinimalOS.Kernel.Boot
{
    public unsafe struct UntypedHarvest
    {
        public const int MaxRegions = 128;
        public const int LargestBits = 30;
        public const int SmallestBits = 12;
        public const ulong KernelReserveBytes = 16UL << 20;

        private fixed ulong _bases[MaxRegions];
        private fixed byte _sizeBits[MaxRegions];

        public int Count { get; private set; }
        public ulong TotalBytes { get; private set; }

        public PhysicalAddress Base(int index) => new PhysicalAddress(_bases[index]);

        public int SizeBits(int index) => _sizeBits[index];

        public static UntypedHarvest Collect(IContiguousFrameAllocator frames)
        {
            var harvest = new UntypedHarvest();
            ulong free = frames.Statistics.FreeFrames * PageSize.Small;
            ulong reserve = free / 8 > KernelReserveBytes ? free / 8 : KernelReserveBytes;
            if (free <= reserve)
                return harvest;
            ulong budget = free - reserve;
            for (int bits = LargestBits; bits >= SmallestBits && harvest.Count < MaxRegions; bits--)
            {
                ulong size = 1UL << bits;
                while (size <= budget && harvest.Count < MaxRegions && frames.TryAllocateContiguous(size / PageSize.Small, size, false, out PhysicalAddress start))
                {
                    harvest._bases[harvest.Count] = start.Value;
                    harvest._sizeBits[harvest.Count] = (byte)bits;
                    harvest.Count++;
                    harvest.TotalBytes += size;
                    budget -= size;
                }
            }
            return harvest;
        }
    }
}
