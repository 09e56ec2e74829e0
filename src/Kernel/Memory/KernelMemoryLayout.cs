// The kernel half of every address space (PML4 entries 256-511, shared by all future processes):
//   0xFFFF800000000000  direct map of all physical memory (up to 64 TiB), read/write, never executable
//   0xFFFFC00000000000  kernel heap: virtual space the heap maps pages into as it grows
//   0xFFFFE00000000000  kernel stacks, each with an unmapped guard page below it
//   0xFFFFE10000000000  device registers (MMIO: local APIC, I/O APICs, HPET), mapped uncached on demand
//   0xFFFFFFFF80000000  the kernel image (linked at +1 MiB), mapped per section: text RX, rodata R, data RW
// The lower half (0 - 0x00007FFFFFFFFFFF) belongs to user space.
namespace MinimalOS.Kernel.Memory
{
    public static class KernelMemoryLayout
    {
        public const ulong UserEnd = 0x0000_8000_0000_0000;
        public const ulong KernelHalfStart = 0xFFFF_8000_0000_0000;
        public const ulong DirectMapBase = 0xFFFF_8000_0000_0000;
        public const ulong DirectMapSize = 64UL << 40;
        public const ulong HeapBase = 0xFFFF_C000_0000_0000;
        public const ulong HeapSize = 1UL << 40;
        public const ulong StacksBase = 0xFFFF_E000_0000_0000;
        public const ulong StacksSize = 1UL << 40;
        public const ulong MmioBase = 0xFFFF_E100_0000_0000;
        public const ulong MmioSize = 1UL << 30;
        public const ulong KernelImageBase = 0xFFFF_FFFF_8000_0000;
    }
}
