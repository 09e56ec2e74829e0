// Where the ACPI RSDP was found: by scanning BIOS memory (Multiboot 1 gives no RSDP) or as the copy a
// Multiboot 2 loader put in its ACPI tag (then the address is that of the copy, inside the boot information).
namespace MinimalOS.Kernel.Boot
{
    public enum RsdpSource : byte
    {
        None,
        EbdaScan,
        BiosAreaScan,
        Multiboot2OldTag,
        Multiboot2NewTag,
    }
}
