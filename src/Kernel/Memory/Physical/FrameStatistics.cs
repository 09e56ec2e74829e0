// A snapshot of the frame allocator's counters. Every managed frame is in exactly one state, so
// Used + Free + Reserved == Total always holds.
namespace MinimalOS.Kernel.Memory.Physical
{
    public readonly struct FrameStatistics
    {
        public FrameStatistics(ulong total, ulong used, ulong free, ulong reserved)
        {
            TotalFrames = total;
            UsedFrames = used;
            FreeFrames = free;
            ReservedFrames = reserved;
        }

        /// <summary>Frames from physical address 0 up to the end of the highest usable region, holes included.</summary>
        public ulong TotalFrames { get; }

        /// <summary>Allocated and not yet freed.</summary>
        public ulong UsedFrames { get; }

        public ulong FreeFrames { get; }

        /// <summary>Never handed out: not usable in the memory map, or covered by a reserved range.</summary>
        public ulong ReservedFrames { get; }
    }
}
