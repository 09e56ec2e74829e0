// Reads the symbol table that tools/kernel_symbols.py embeds in the kernel image (format: see that tool):
// which function contains an address, and which type a MethodTable address is. The bytes are treated as
// untrusted: TryOpen validates the whole table once, and a table that fails validation is not used at
// all, so a lookup never reads out of bounds and never throws; callers print "??" instead.
using System;

namespace MinimalOS.Kernel.Diagnostics
{
    public readonly ref struct SymbolTable
    {
        public const uint Magic = 0x4D59534B; // "KSYM"
        public const ushort Version = 1;
        public const int HeaderSize = 32;
        public const int EntrySize = 16;
        public const byte KindFunction = 1;
        public const byte KindType = 2;

        private readonly ReadOnlySpan<byte> _entries;
        private readonly ReadOnlySpan<byte> _strings;
        private readonly int _count;

        private SymbolTable(ReadOnlySpan<byte> entries, ReadOnlySpan<byte> strings, int count, ulong imageBase)
        {
            _entries = entries;
            _strings = strings;
            _count = count;
            ImageBase = imageBase;
        }

        /// <summary>Number of symbols; zero for the empty table a failed TryOpen leaves behind.</summary>
        public int Count => _count;

        /// <summary>The address entry offsets are relative to (the kernel image's start).</summary>
        public ulong ImageBase { get; }

        /// <summary>Validates <paramref name="bytes"/> as a symbol table; on failure the table is empty.</summary>
        public static bool TryOpen(ReadOnlySpan<byte> bytes, out SymbolTable table)
        {
            table = default;
            var header = new ByteReader(bytes, 0);
            uint magic = header.ReadUInt32();
            ushort version = header.ReadUInt16();
            ushort entrySize = header.ReadUInt16();
            ulong imageBase = header.ReadUInt64();
            uint count = header.ReadUInt32();
            uint stringsOffset = header.ReadUInt32();
            uint stringsSize = header.ReadUInt32();
            uint reserved = header.ReadUInt32();
            if (header.Failed || magic != Magic || version != Version || entrySize != EntrySize || reserved != 0)
                return false;
            ulong entriesEnd = HeaderSize + (ulong)count * EntrySize;
            if (entriesEnd > stringsOffset || (ulong)stringsOffset + stringsSize > (ulong)bytes.Length)
                return false;
            var candidate = new SymbolTable(bytes.Slice(HeaderSize, (int)count * EntrySize),
                bytes.Slice((int)stringsOffset, (int)stringsSize), (int)count, imageBase);
            if (!candidate.EntriesAreValid())
                return false;
            table = candidate;
            return true;
        }

        /// <summary>Finds the function whose code contains <paramref name="address"/>.</summary>
        public bool TryFindFunction(ulong address, out SymbolMatch match)
        {
            match = default;
            int index = LastEntryStartingAtOrBefore(address);
            if (index < 0)
                return false;
            var entry = ReadEntry(index);
            ulong offset = address - ImageBase;
            if (entry.Kind != KindFunction || offset - entry.Start >= entry.Size)
                return false;
            match = new SymbolMatch(Name(entry), ImageBase + entry.Start, entry.Size);
            return true;
        }

        /// <summary>Finds the type whose MethodTable starts exactly at <paramref name="methodTable"/>.</summary>
        public bool TryFindType(ulong methodTable, out ReadOnlySpan<byte> symbolName)
        {
            symbolName = default;
            int index = LastEntryStartingAtOrBefore(methodTable);
            // Types are looked up by exact address; aliases were merged by the generator, so one entry at most.
            while (index >= 0)
            {
                var entry = ReadEntry(index);
                if (ImageBase + entry.Start != methodTable)
                    return false;
                if (entry.Kind == KindType)
                {
                    symbolName = Name(entry);
                    return true;
                }
                index--;
            }
            return false;
        }

        // Binary search over the sorted starts; -1 when the address precedes every symbol.
        private int LastEntryStartingAtOrBefore(ulong address)
        {
            if (address < ImageBase || address - ImageBase > uint.MaxValue)
                return -1;
            uint offset = (uint)(address - ImageBase);
            int low = 0, high = _count - 1, found = -1;
            while (low <= high)
            {
                int middle = low + (high - low) / 2;
                if (ReadEntry(middle).Start <= offset)
                {
                    found = middle;
                    low = middle + 1;
                }
                else
                {
                    high = middle - 1;
                }
            }
            return found;
        }

        private bool EntriesAreValid()
        {
            uint previousStart = 0;
            for (int i = 0; i < _count; i++)
            {
                var entry = ReadEntry(i);
                bool kindKnown = entry.Kind == KindFunction || entry.Kind == KindType;
                bool nameInside = (ulong)entry.NameOffset + entry.NameLength <= (ulong)_strings.Length;
                if (!kindKnown || !nameInside || entry.Padding != 0 || entry.NameLength == 0 || entry.Start < previousStart)
                    return false;
                previousStart = entry.Start;
            }
            return true;
        }

        private ReadOnlySpan<byte> Name(Entry entry) => _strings.Slice((int)entry.NameOffset, entry.NameLength);

        private Entry ReadEntry(int index)
        {
            var reader = new ByteReader(_entries, index * EntrySize);
            Entry entry;
            entry.Start = reader.ReadUInt32();
            entry.Size = reader.ReadUInt32();
            entry.NameOffset = reader.ReadUInt32();
            entry.NameLength = reader.ReadUInt16();
            entry.Kind = reader.ReadByte();
            entry.Padding = reader.ReadByte();
            return entry;
        }

        private struct Entry
        {
            public uint Start;
            public uint Size;
            public uint NameOffset;
            public ushort NameLength;
            public byte Kind;
            public byte Padding;
        }
    }

    /// <summary>A function found by <see cref="SymbolTable.TryFindFunction"/>: its raw name and extent.</summary>
    public readonly ref struct SymbolMatch
    {
        public SymbolMatch(ReadOnlySpan<byte> name, ulong start, ulong size)
        {
            Name = name;
            Start = start;
            Size = size;
        }

        /// <summary>The symbol as the compiler or assembler named it (what gdb and nm show).</summary>
        public ReadOnlySpan<byte> Name { get; }

        public ulong Start { get; }

        public ulong Size { get; }
    }
}
