// The state of one physical frame as the frame allocator sees it.
namespace MinimalOS.Kernel.Memory.Physical
{
    public enum FrameState : byte
    {
        Free,
        Used,
        /// <summary>Never handed out (firmware, kernel image, bitmap, low memory, holes in the map).</summary>
        Reserved,
        /// <summary>Past the highest usable frame: not managed at all.</summary>
        Outside,
    }
}
