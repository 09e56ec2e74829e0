// Builds ACPI RSDP byte images with correct checksums, for tests to place in memory or tags and then
// corrupt on purpose.
using System;
using System.Text;

namespace MinimalOS.Tests.Host.Boot
{
    internal static class RsdpImage
    {
        public static byte[] Version1(uint rsdt, byte revision = 0)
        {
            var bytes = new byte[20];
            Encoding.ASCII.GetBytes("RSD PTR ").CopyTo(bytes, 0);
            Encoding.ASCII.GetBytes("MINOS ").CopyTo(bytes, 9);
            bytes[15] = revision;
            BitConverter.GetBytes(rsdt).CopyTo(bytes, 16);
            bytes[8] = Checksum(bytes, 20);
            return bytes;
        }

        public static byte[] Version2(uint rsdt, ulong xsdt)
        {
            var bytes = new byte[36];
            Version1(rsdt, 2).CopyTo(bytes, 0);
            BitConverter.GetBytes(36u).CopyTo(bytes, 20);
            BitConverter.GetBytes(xsdt).CopyTo(bytes, 24);
            bytes[32] = Checksum(bytes, 36);
            return bytes;
        }

        /// <summary>The byte that makes the first <paramref name="length"/> bytes sum to zero (the slot itself must be zero).</summary>
        public static byte Checksum(byte[] bytes, int length)
        {
            byte sum = 0;
            for (int i = 0; i < length; i++)
                sum += bytes[i];
            return (byte)(0 - sum);
        }
    }
}
