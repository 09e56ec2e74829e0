// The tables the root table (XSDT preferred, RSDT otherwise) lists, each validated by AcpiTableReader. Only
// valid tables are kept. Lookups by signature return the first valid one; a second table with a signature
// that must be unique (anything but SSDT) is reported as a duplicate and never used.
// Never trusts an address: every table is re-read and re-validated through the reader.
using System;
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Acpi
{
    public sealed class AcpiTableDirectory
    {
        public const int Capacity = 64;

        private readonly AcpiTableEntry[] _tables = new AcpiTableEntry[Capacity];
        private int _count;

        /// <summary>AcpiSignature.Xsdt or AcpiSignature.Rsdt: the root table used; 0 when neither was usable.</summary>
        public uint RootSignature { get; private set; }
        public PhysicalAddress RootAddress { get; private set; }

        public int Count => _count;

        public AcpiTableEntry this[int index] => _tables[index];

        public bool TryFind(uint signature, out AcpiTableEntry entry)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_tables[i].Signature == signature)
                {
                    entry = _tables[i];
                    return true;
                }
            }
            entry = default;
            return false;
        }

        public static AcpiTableDirectory Read(RsdpInfo rsdp, PhysicalMemoryReader memory, AcpiWarnings warnings)
        {
            var directory = new AcpiTableDirectory();
            ReadOnlySpan<byte> root;
            if (rsdp.ExtendedValid && rsdp.XsdtAddress.Value != 0)
            {
                if (AcpiTableReader.TryRead(memory, rsdp.XsdtAddress, AcpiSignature.Xsdt, warnings, out root))
                {
                    directory.ReadRoot(root, AcpiSignature.Xsdt, rsdp.XsdtAddress, 8, memory, warnings);
                    return directory;
                }
                warnings.Add(AcpiWarningCode.XsdtUnusableUsingRsdt, rsdp.XsdtAddress.Value);
            }
            if (AcpiTableReader.TryRead(memory, rsdp.RsdtAddress, AcpiSignature.Rsdt, warnings, out root))
                directory.ReadRoot(root, AcpiSignature.Rsdt, rsdp.RsdtAddress, 4, memory, warnings);
            else
                warnings.Add(AcpiWarningCode.NoRootTable, rsdp.Address.Value);
            return directory;
        }

        private void ReadRoot(ReadOnlySpan<byte> root, uint signature, PhysicalAddress address, int entrySize, PhysicalMemoryReader memory, AcpiWarnings warnings)
        {
            RootSignature = signature;
            RootAddress = address;
            int entries = (root.Length - AcpiTableReader.HeaderLength) / entrySize;
            if ((root.Length - AcpiTableReader.HeaderLength) % entrySize != 0)
                warnings.Add(AcpiWarningCode.RootTableRagged, address.Value, (ulong)root.Length);
            for (int i = 0; i < entries; i++)
            {
                int offset = AcpiTableReader.HeaderLength + i * entrySize;
                ulong tableAddress = entrySize == 8 ? LittleEndian.U64(root, offset) : LittleEndian.U32(root, offset);
                if (!AcpiTableReader.TryRead(memory, new PhysicalAddress(tableAddress), 0, warnings, out ReadOnlySpan<byte> table))
                    continue;
                Add(new AcpiTableEntry(AcpiTableReader.Signature(table), new PhysicalAddress(tableAddress), (uint)table.Length, AcpiTableReader.Revision(table)), warnings, entries);
            }
        }

        private void Add(AcpiTableEntry entry, AcpiWarnings warnings, int listed)
        {
            if (entry.Signature != AcpiSignature.Ssdt && TryFind(entry.Signature, out _))
                warnings.Add(AcpiWarningCode.DuplicateTable, entry.Address.Value, entry.Signature);
            if (_count == Capacity)
            {
                if (!warnings.Contains(AcpiWarningCode.TooManyTables))
                    warnings.Add(AcpiWarningCode.TooManyTables, (ulong)listed);
                return;
            }
            _tables[_count++] = entry;
        }
    }
}
