// The address spaces a Generic Address Structure can name; only the first two are ever written by the
// kernel, the rest are recognised so that they can be refused by name.
namespace MinimalOS.Kernel.Acpi
{
    public enum GenericAddressSpace : byte
    {
        SystemMemory = 0,
        SystemIo = 1,
        PciConfiguration = 2,
        EmbeddedController = 3,
        SmBus = 4,
        FunctionalFixedHardware = 0x7F,
    }
}
