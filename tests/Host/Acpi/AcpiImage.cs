// Builds ACPI byte images for host tests: tables with a correct header, length and checksum (which tests
// then break on purpose), root tables listing other tables, and a fake physical memory holding them.
using System;
using System.Collections.Generic;
using System.Text;
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Memory;
using MinimalOS.Tests.Host.Boot;

namespace MinimalOS.Tests.Host.Acpi
{
    internal static class AcpiImage
    {
        /// <summary>A table: 36-byte header with <paramref name="signature"/>, then <paramref name="body"/>; checksum fixed.</summary>
        public static byte[] Table(string signature, byte revision, byte[] body)
        {
            var table = new byte[36 + body.Length];
            Encoding.ASCII.GetBytes(signature).CopyTo(table, 0);
            BitConverter.GetBytes((uint)table.Length).CopyTo(table, 4);
            table[8] = revision;
            Encoding.ASCII.GetBytes("MINOS ").CopyTo(table, 10);
            body.CopyTo(table, 36);
            FixChecksum(table);
            return table;
        }

        public static void FixChecksum(byte[] table)
        {
            table[9] = 0;
            byte sum = 0;
            foreach (byte b in table)
                sum += b;
            table[9] = (byte)(0 - sum);
        }

        public static byte[] Xsdt(params ulong[] tables)
        {
            var body = new byte[tables.Length * 8];
            for (int i = 0; i < tables.Length; i++)
                BitConverter.GetBytes(tables[i]).CopyTo(body, i * 8);
            return Table("XSDT", 1, body);
        }

        public static byte[] Rsdt(params uint[] tables)
        {
            var body = new byte[tables.Length * 4];
            for (int i = 0; i < tables.Length; i++)
                BitConverter.GetBytes(tables[i]).CopyTo(body, i * 4);
            return Table("RSDT", 1, body);
        }

        public static RsdpInfo Rsdp(uint rsdt, ulong xsdt) =>
            new RsdpInfo(new PhysicalAddress(0xE0000), RsdpSource.BiosAreaScan, (byte)(xsdt != 0 ? 2 : 0), rsdt, xsdt, xsdt != 0);

        /// <summary>Physical memory holding each table at its address, in one region per table (exactly its size).</summary>
        public static FakePhysicalMemory Memory(params (ulong Address, byte[] Bytes)[] tables)
        {
            var memory = new FakePhysicalMemory();
            foreach ((ulong address, byte[] bytes) in tables)
                memory.AddRegion(address, bytes.Length).AsSpan().Clear();
            foreach ((ulong address, byte[] bytes) in tables)
                memory.Write(address, bytes);
            return memory;
        }

        /// <summary>Little-endian bytes of mixed-width fields, for table bodies.</summary>
        public sealed class Body
        {
            private readonly List<byte> _bytes = new();

            public Body U8(params byte[] values) { _bytes.AddRange(values); return this; }
            public Body U16(ushort value) { _bytes.AddRange(BitConverter.GetBytes(value)); return this; }
            public Body U32(uint value) { _bytes.AddRange(BitConverter.GetBytes(value)); return this; }
            public Body U64(ulong value) { _bytes.AddRange(BitConverter.GetBytes(value)); return this; }
            public byte[] ToArray() => _bytes.ToArray();
        }
    }
}
