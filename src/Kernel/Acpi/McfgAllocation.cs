// One PCI Express enhanced configuration space window from the MCFG: buses StartBus..EndBus of segment
// group Segment have their configuration space at BaseAddress + (bus << 20 | device << 15 | function << 12).
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Acpi
{
    public readonly struct McfgAllocation
    {
        public McfgAllocation(PhysicalAddress baseAddress, ushort segment, byte startBus, byte endBus)
        {
            BaseAddress = baseAddress;
            Segment = segment;
            StartBus = startBus;
            EndBus = endBus;
        }

        public PhysicalAddress BaseAddress { get; }
        public ushort Segment { get; }
        public byte StartBus { get; }
        public byte EndBus { get; }
    }
}
