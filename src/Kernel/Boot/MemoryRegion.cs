// One range of the physical memory map: [Base, End), its kind, and the firmware's type number behind the kind
// (kept for the log: it tells which type an Unrecognized region had). End never wraps: regions reaching
// past the top of the address space are clipped when the map is built.
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Boot
{
    public readonly struct MemoryRegion
    {
        public MemoryRegion(PhysicalAddress start, ulong length, MemoryKind kind, uint firmwareType)
        {
            Base = start;
            Length = length;
            Kind = kind;
            FirmwareType = firmwareType;
        }

        public PhysicalAddress Base { get; }
        public ulong Length { get; }
        public MemoryKind Kind { get; }
        public uint FirmwareType { get; }

        /// <summary>First address past the region (exclusive).</summary>
        public ulong End => Base.Value + Length;
    }
}
