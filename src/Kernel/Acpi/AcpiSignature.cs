// ACPI table signatures as the little-endian 32-bit values of their four ASCII characters, so a signature
// compares as one integer and prints without allocating. Never interprets the bytes beyond that.
using System;

namespace MinimalOS.Kernel.Acpi
{
    public static class AcpiSignature
    {
        public const uint Madt = 'A' | 'P' << 8 | 'I' << 16 | 'C' << 24;
        public const uint Fadt = 'F' | 'A' << 8 | 'C' << 16 | 'P' << 24;
        public const uint Hpet = 'H' | 'P' << 8 | 'E' << 16 | 'T' << 24;
        public const uint Mcfg = 'M' | 'C' << 8 | 'F' << 16 | 'G' << 24;
        public const uint Dsdt = 'D' | 'S' << 8 | 'D' << 16 | 'T' << 24;
        public const uint Ssdt = 'S' | 'S' << 8 | 'D' << 16 | 'T' << 24;
        public const uint Rsdt = 'R' | 'S' << 8 | 'D' << 16 | 'T' << 24;
        public const uint Xsdt = 'X' | 'S' << 8 | 'D' << 16 | 'T' << 24;

        /// <summary>Writes the four characters into <paramref name="destination"/> (length >= 4); bytes that are
        /// not printable ASCII become '?', since a signature is read from untrusted memory.</summary>
        public static ReadOnlySpan<char> Format(uint signature, Span<char> destination)
        {
            for (int i = 0; i < 4; i++)
            {
                uint c = (signature >> (8 * i)) & 0xFF;
                destination[i] = c >= 0x20 && c < 0x7F ? (char)c : '?';
            }
            return destination.Slice(0, 4);
        }
    }
}
