// The kernel's one frame allocator, published once start-up has built it (null before that, and in host
// tests, which build their own). This is the unlocked allocator: kernel code that may run on any CPU takes
// frames through the locked wrapper (KernelAddressSpace.Frames) instead; reading statistics here is a snapshot.
namespace MinimalOS.Kernel.Memory.Physical
{
    public static class PhysicalMemory
    {
        public static FrameAllocator Frames { get; private set; }

        /// <summary>Called once by start-up; a second call is refused so nobody swaps the allocator under live frames.</summary>
        public static bool Publish(FrameAllocator frames)
        {
            if (Frames is not null || frames is null)
                return false;
            Frames = frames;
            return true;
        }
    }
}
