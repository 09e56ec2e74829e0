// Builds symbol tables in the embedded format (see tools/kernel_symbols.py) for the reader's tests, and
// lets a test corrupt any field afterwards.
using System.Collections.Generic;
using System.IO;
using System.Text;
using MinimalOS.Kernel.Diagnostics;

namespace MinimalOS.Tests.Host.Diagnostics
{
    internal sealed class SymbolTableBuilder
    {
        private readonly ulong _imageBase;
        private readonly List<(uint Start, uint Size, string Name, byte Kind)> _symbols = new();

        public SymbolTableBuilder(ulong imageBase) => _imageBase = imageBase;

        public SymbolTableBuilder Function(ulong address, uint size, string name) => Add(address, size, name, SymbolTable.KindFunction);

        public SymbolTableBuilder Type(ulong address, string name) => Add(address, 0, name, SymbolTable.KindType);

        private SymbolTableBuilder Add(ulong address, uint size, string name, byte kind)
        {
            _symbols.Add(((uint)(address - _imageBase), size, name, kind));
            return this;
        }

        /// <summary>The table bytes; symbols are written in the order added (tests add them sorted unless testing that).</summary>
        public byte[] Build()
        {
            var strings = new MemoryStream();
            var entries = new BinaryWriter(new MemoryStream());
            foreach (var s in _symbols)
            {
                byte[] name = Encoding.UTF8.GetBytes(s.Name);
                entries.Write(s.Start);
                entries.Write(s.Size);
                entries.Write((uint)strings.Length);
                entries.Write((ushort)name.Length);
                entries.Write(s.Kind);
                entries.Write((byte)0);
                strings.Write(name);
            }
            byte[] entryBytes = ((MemoryStream)entries.BaseStream).ToArray();
            var table = new BinaryWriter(new MemoryStream());
            table.Write(SymbolTable.Magic);
            table.Write(SymbolTable.Version);
            table.Write((ushort)SymbolTable.EntrySize);
            table.Write(_imageBase);
            table.Write((uint)_symbols.Count);
            table.Write((uint)(SymbolTable.HeaderSize + entryBytes.Length));
            table.Write((uint)strings.Length);
            table.Write(0u);
            table.Write(entryBytes);
            table.Write(strings.ToArray());
            return ((MemoryStream)table.BaseStream).ToArray();
        }
    }
}
