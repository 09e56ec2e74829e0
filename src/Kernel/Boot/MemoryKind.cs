// What a physical memory range may be used for, as the firmware reported it (Multiboot memory map types).
// Only Usable is free RAM; every other kind must be left alone by the physical memory manager.
namespace MinimalOS.Kernel.Boot
{
    public enum MemoryKind : byte
    {
        Usable,
        Reserved,
        /// <summary>ACPI tables; usable RAM once the kernel is done reading them.</summary>
        AcpiReclaimable,
        /// <summary>ACPI non-volatile storage: must be preserved, also across sleep states.</summary>
        AcpiNvs,
        /// <summary>Defective RAM the firmware has detected.</summary>
        BadMemory,
        /// <summary>A type number this kernel does not know: treated as reserved.</summary>
        Unrecognized,
    }
}
