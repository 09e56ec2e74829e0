// The validated ACPI Root System Description Pointer: where its bytes are, the ACPI revision it claims, and
// the root table addresses it carries. XsdtAddress is set only when the ACPI 2.0 part checked out.
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Boot
{
    public readonly struct RsdpInfo
    {
        public RsdpInfo(PhysicalAddress address, RsdpSource source, byte revision, uint rsdtAddress, ulong xsdtAddress, bool extendedValid)
        {
            Address = address;
            Source = source;
            Revision = revision;
            RsdtAddress = new PhysicalAddress(rsdtAddress);
            XsdtAddress = new PhysicalAddress(xsdtAddress);
            ExtendedValid = extendedValid;
        }

        public PhysicalAddress Address { get; }
        public RsdpSource Source { get; }

        /// <summary>0 for ACPI 1.0, 2 for ACPI 2.0 and later, as the structure states.</summary>
        public byte Revision { get; }
        public PhysicalAddress RsdtAddress { get; }
        public PhysicalAddress XsdtAddress { get; }

        /// <summary>True when the ACPI 2.0 fields (length, XSDT) passed the extended checksum.</summary>
        public bool ExtendedValid { get; }
    }
}
