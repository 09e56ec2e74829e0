// One ACPI table that passed validation (readable in full, sane length, checksum 0): where it is, its
// signature, length and revision. Tables that failed are never listed.
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Acpi
{
    public readonly struct AcpiTableEntry
    {
        public AcpiTableEntry(uint signature, PhysicalAddress address, uint length, byte revision)
        {
            Signature = signature;
            Address = address;
            Length = length;
            Revision = revision;
        }

        public uint Signature { get; }
        public PhysicalAddress Address { get; }
        public uint Length { get; }
        public byte Revision { get; }
    }
}
