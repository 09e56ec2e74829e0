// How the kernel reaches physical memory: at a fixed offset from the physical address. At boot the offset
// is 0 (the boot stub's identity map of the first 4 GiB); once the kernel runs on its own page tables it is
// KernelMemoryLayout.DirectMapBase, which maps all of physical memory; host tests use the offset of a host
// buffer that stands for physical memory. A linear offset keeps the hot paths (page-table walks, zeroing
// frames) free of calls.
namespace MinimalOS.Kernel.Memory
{
    public readonly unsafe struct DirectMap
    {
        public DirectMap(ulong offset) => Offset = offset;

        public ulong Offset { get; }

        public byte* ToPointer(PhysicalAddress address) => (byte*)(address.Value + Offset);

        public PhysicalAddress ToPhysical(void* pointer) => new PhysicalAddress((ulong)pointer - Offset);
    }
}
