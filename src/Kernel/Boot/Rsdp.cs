// Validation of an ACPI RSDP (Root System Description Pointer) from untrusted bytes: the "RSD PTR "
// signature, the ACPI 1.0 checksum over the first 20 bytes and, for revision 2 and later, the length field
// and the extended checksum over the whole structure. A structure whose 1.0 part is valid but whose 2.0
// part is not is still used, for its RSDT only.
using System;
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Boot
{
    public static class Rsdp
    {
        public const int Version1Length = 20;
        public const int Version2Length = 36;

        /// <summary>No real RSDP is longer than 36 bytes; a length field beyond this is treated as corrupt.</summary>
        public const int MaxLength = 1024;

        public static ReadOnlySpan<byte> Signature => "RSD PTR "u8;

        private const int ChecksumOffset = 8;
        private const int RevisionOffset = 15;
        private const int RsdtOffset = 16;
        private const int LengthOffset = 20;
        private const int XsdtOffset = 24;

        public static bool HasSignature(ReadOnlySpan<byte> bytes) =>
            bytes.Length >= Signature.Length && bytes.Slice(0, Signature.Length).SequenceEqual(Signature);

        /// <summary>Reads and validates the RSDP at <paramref name="address"/> in physical memory.</summary>
        public static bool TryRead(PhysicalMemoryReader memory, PhysicalAddress address, RsdpSource source, BootWarnings warnings, out RsdpInfo rsdp)
        {
            ReadOnlySpan<byte> bytes = memory.Read(address, Version2Length);
            if (bytes.Length >= LengthOffset + 4 && bytes[RevisionOffset] >= 2)
            {
                uint length = LittleEndian.U32(bytes, LengthOffset);
                if (length > Version2Length && length <= MaxLength)
                    bytes = memory.Read(address, (int)length);
            }
            return TryValidate(bytes, address, source, true, warnings, out rsdp);
        }

        /// <summary>
        /// Validates RSDP bytes that start at <paramref name="address"/>. <paramref name="extensionExpected"/> is
        /// false for a copy known to hold only the ACPI 1.0 part (Multiboot 2's old-RSDP tag).
        /// </summary>
        public static bool TryValidate(ReadOnlySpan<byte> bytes, PhysicalAddress address, RsdpSource source, bool extensionExpected,
            BootWarnings warnings, out RsdpInfo rsdp)
        {
            rsdp = default;
            if (bytes.Length < Version1Length)
            {
                warnings.Add(BootWarningCode.Truncated, BootSubject.Rsdp, (ulong)bytes.Length, Version1Length);
                return false;
            }
            if (!HasSignature(bytes))
            {
                warnings.Add(BootWarningCode.RsdpBadSignature, BootSubject.Rsdp, address.Value);
                return false;
            }
            if (Sum(bytes.Slice(0, Version1Length)) != 0)
            {
                warnings.Add(BootWarningCode.RsdpBadChecksum, BootSubject.Rsdp, address.Value);
                return false;
            }
            byte revision = bytes[RevisionOffset];
            uint rsdt = LittleEndian.U32(bytes, RsdtOffset);
            bool extendedValid = revision >= 2 && extensionExpected && ExtensionIsValid(bytes, address, warnings);
            ulong xsdt = extendedValid ? LittleEndian.U64(bytes, XsdtOffset) : 0;
            rsdp = new RsdpInfo(address, source, revision, rsdt, xsdt, extendedValid);
            return true;
        }

        private static bool ExtensionIsValid(ReadOnlySpan<byte> bytes, PhysicalAddress address, BootWarnings warnings)
        {
            uint length = bytes.Length >= LengthOffset + 4 ? LittleEndian.U32(bytes, LengthOffset) : 0;
            if (length < Version2Length || length > MaxLength || length > (uint)bytes.Length)
            {
                warnings.Add(BootWarningCode.RsdpBadLength, BootSubject.Rsdp, address.Value, length);
                return false;
            }
            if (Sum(bytes.Slice(0, (int)length)) != 0)
            {
                warnings.Add(BootWarningCode.RsdpBadExtendedChecksum, BootSubject.Rsdp, address.Value);
                return false;
            }
            return true;
        }

        private static byte Sum(ReadOnlySpan<byte> bytes)
        {
            byte sum = 0;
            for (int i = 0; i < bytes.Length; i++)
                sum += bytes[i];
            return sum;
        }
    }
}
