// The memory-map type numbers shared by Multiboot 1 and 2 (the BIOS E820 numbering), mapped to MemoryKind.
namespace MinimalOS.Kernel.Boot
{
    public static class MultibootMemoryType
    {
        public const uint Available = 1;

        public static MemoryKind ToKind(uint type) => type switch
        {
            1 => MemoryKind.Usable,
            2 => MemoryKind.Reserved,
            3 => MemoryKind.AcpiReclaimable,
            4 => MemoryKind.AcpiNvs,
            5 => MemoryKind.BadMemory,
            _ => MemoryKind.Unrecognized,
        };
    }
}
