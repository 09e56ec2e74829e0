// Builds ELF64 executables in memory for the parser tests: a valid header, then program headers added one
// by one; any field can be overwritten afterwards to make exactly one thing wrong. The default image is
// what user.ld produces: text RX at 0x400000, rodata R, data RW, and a non-executable PT_GNU_STACK.
using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace MinimalOS.Tests.Host.Elf
{
    internal sealed class ElfFileBuilder
    {
        public const uint Execute = 1;
        public const uint Write = 2;
        public const uint Read = 4;
        public const uint Load = 1;
        public const uint GnuStack = 0x6474E551;
        public const ulong TextAddress = 0x400000;

        private readonly List<ProgramHeader> _headers = new List<ProgramHeader>();

        public ulong Entry { get; set; } = TextAddress + 0x10;

        public int FileLength { get; set; } = 0x4000;

        /// <summary>Applied to the finished file, to corrupt a header field.</summary>
        public List<Action<byte[]>> Patches { get; } = new List<Action<byte[]>>();

        public static ElfFileBuilder Typical() => new ElfFileBuilder()
            .AddLoad(offset: 0x1000, address: TextAddress, fileSize: 0x800, memorySize: 0x800, Read | Execute)
            .AddLoad(offset: 0x2000, address: TextAddress + 0x1000, fileSize: 0x100, memorySize: 0x100, Read)
            .AddLoad(offset: 0x3000, address: TextAddress + 0x2000, fileSize: 0x80, memorySize: 0x5000, Read | Write)
            .Add(new ProgramHeader { Type = GnuStack, Flags = Read | Write });

        public ElfFileBuilder AddLoad(ulong offset, ulong address, ulong fileSize, ulong memorySize, uint flags, ulong alignment = 0x1000) =>
            Add(new ProgramHeader { Type = Load, Flags = flags, Offset = offset, Address = address, FileSize = fileSize, MemorySize = memorySize, Alignment = alignment });

        public ElfFileBuilder Add(ProgramHeader header)
        {
            _headers.Add(header);
            return this;
        }

        public ElfFileBuilder Patch(Action<byte[]> patch)
        {
            Patches.Add(patch);
            return this;
        }

        public byte[] Build()
        {
            int headersEnd = 64 + 56 * _headers.Count;
            var file = new byte[Math.Max(FileLength, headersEnd)];
            file[0] = 0x7F;
            file[1] = (byte)'E';
            file[2] = (byte)'L';
            file[3] = (byte)'F';
            file[4] = 2;
            file[5] = 1;
            file[6] = 1;
            U16(file, 16, 2);
            U16(file, 18, 62);
            U32(file, 20, 1);
            U64(file, 24, Entry);
            U64(file, 32, 64);
            U16(file, 52, 64);
            U16(file, 54, 56);
            U16(file, 56, (ushort)_headers.Count);
            for (int i = 0; i < _headers.Count; i++)
            {
                int at = 64 + 56 * i;
                ProgramHeader header = _headers[i];
                U32(file, at, header.Type);
                U32(file, at + 4, header.Flags);
                U64(file, at + 8, header.Offset);
                U64(file, at + 16, header.Address);
                U64(file, at + 24, header.Address);
                U64(file, at + 32, header.FileSize);
                U64(file, at + 40, header.MemorySize);
                U64(file, at + 48, header.Alignment);
            }
            foreach (Action<byte[]> patch in Patches)
                patch(file);
            return file;
        }

        public static void U16(byte[] file, int offset, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(offset), value);

        public static void U32(byte[] file, int offset, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(offset), value);

        public static void U64(byte[] file, int offset, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(offset), value);

        internal struct ProgramHeader
        {
            public uint Type;
            public uint Flags;
            public ulong Offset;
            public ulong Address;
            public ulong FileSize;
            public ulong MemorySize;
            public ulong Alignment;
        }
    }
}
