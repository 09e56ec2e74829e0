// One I/O APIC from the MADT (entry type 1): its id, the physical address of its registers and the first
// global system interrupt (GSI) it serves.
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Acpi
{
    public readonly struct MadtIoApic
    {
        public MadtIoApic(byte id, PhysicalAddress address, uint gsiBase)
        {
            Id = id;
            Address = address;
            GsiBase = gsiBase;
        }

        public byte Id { get; }
        public PhysicalAddress Address { get; }
        public uint GsiBase { get; }
    }
}
