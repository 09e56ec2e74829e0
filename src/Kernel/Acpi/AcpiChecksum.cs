// The ACPI checksum rule: all bytes of a table, its checksum byte included, sum to 0 modulo 256. Only
// computes; deciding what to do with a bad table is the caller's business.
using System;

namespace MinimalOS.Kernel.Acpi
{
    public static class AcpiChecksum
    {
        public static bool IsValid(ReadOnlySpan<byte> table)
        {
            byte sum = 0;
            for (int i = 0; i < table.Length; i++)
                sum += table[i];
            return sum == 0;
        }
    }
}
