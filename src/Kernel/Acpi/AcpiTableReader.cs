// Reads one ACPI table (System Description Table) from physical memory and decides whether it can be
// trusted: header readable, 36 <= length <= MaxTableLength, every byte readable, checksum 0. A table that
// fails is reported in the warnings and its bytes are never handed out.
using System;
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Acpi
{
    public static class AcpiTableReader
    {
        public const int HeaderLength = 36;

        /// <summary>Sanity bound: real DSDTs reach a few hundred KiB; anything near this is corrupt.</summary>
        public const uint MaxTableLength = 4 * 1024 * 1024;

        public static uint Signature(ReadOnlySpan<byte> table) => LittleEndian.U32(table, 0);
        public static uint Length(ReadOnlySpan<byte> table) => LittleEndian.U32(table, 4);
        public static byte Revision(ReadOnlySpan<byte> table) => table[8];

        /// <summary>
        /// The validated table at <paramref name="address"/>, or false with a warning. When
        /// <paramref name="expectedSignature"/> is not 0 a different signature is refused too.
        /// </summary>
        public static bool TryRead(PhysicalMemoryReader memory, PhysicalAddress address, uint expectedSignature, AcpiWarnings warnings, out ReadOnlySpan<byte> table)
        {
            table = default;
            ReadOnlySpan<byte> header = memory.Read(address, HeaderLength);
            if (address.Value == 0 || header.Length < HeaderLength)
            {
                warnings.Add(AcpiWarningCode.HeaderUnreadable, address.Value);
                return false;
            }
            uint length = Length(header);
            if (length < HeaderLength || length > MaxTableLength)
            {
                warnings.Add(AcpiWarningCode.BadLength, address.Value, length);
                return false;
            }
            uint signature = Signature(header);
            if (expectedSignature != 0 && signature != expectedSignature)
            {
                warnings.Add(AcpiWarningCode.WrongSignature, address.Value, signature);
                return false;
            }
            ReadOnlySpan<byte> whole = memory.Read(address, (int)length);
            if (whole.Length < length)
            {
                warnings.Add(AcpiWarningCode.Truncated, address.Value, length);
                return false;
            }
            if (!AcpiChecksum.IsValid(whole))
            {
                warnings.Add(AcpiWarningCode.BadChecksum, address.Value, signature);
                return false;
            }
            table = whole;
            return true;
        }
    }
}
