// The ways the tests boot MinimalOS: QEMU's own Multiboot 1 loader, or the GRUB ISO (Multiboot 2) under
// SeaBIOS or under OVMF (UEFI). Each reaches the kernel with different boot information.
namespace MinimalOS.Tests.Boot
{
    public enum BootMethod
    {
        /// <summary>qemu -kernel: Multiboot 1, no firmware boot loader.</summary>
        Direct,

        /// <summary>The ISO under SeaBIOS: GRUB i386-pc, Multiboot 2.</summary>
        IsoBios,

        /// <summary>The ISO under OVMF: GRUB x86_64-efi, Multiboot 2.</summary>
        IsoUefi,
    }

    public static class BootMethodNames
    {
        /// <summary>The short name used in log file names: direct, iso-bios, iso-uefi.</summary>
        public static string Slug(this BootMethod boot) => boot switch
        {
            BootMethod.Direct => "direct",
            BootMethod.IsoBios => "iso-bios",
            BootMethod.IsoUefi => "iso-uefi",
            _ => boot.ToString(),
        };
    }
}
