// Which boot protocol handed control to the kernel (decided by the magic value in EAX at entry).
namespace MinimalOS.Kernel.Boot
{
    public enum BootProtocol : byte
    {
        Unknown,
        Multiboot1,
        Multiboot2,
    }
}
