// Builds a Multiboot 1 information structure in fake physical memory, field by field, setting the flag of
// each field it writes. Low memory (0 - 2 MiB) is readable, so the RSDP scan areas exist and are empty
// unless a test puts an RSDP there.
using System;
using System.Text;
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Tests.Host.Boot
{
    internal sealed class Multiboot1Image
    {
        public const ulong InfoAddress = 0x10000;
        public const int LowMemorySize = 0x200000;

        private ulong _next = 0x20000;

        public Multiboot1Image() => Memory.AddRegion(0, LowMemorySize);

        public FakePhysicalMemory Memory { get; } = new FakePhysicalMemory();

        public uint Flags { get; set; }

        public Multiboot1Image WithBasicMemory(uint lowerKiB, uint upperKiB)
        {
            Flags |= 1 << 0;
            Memory.WriteU32(InfoAddress + 4, lowerKiB);
            Memory.WriteU32(InfoAddress + 8, upperKiB);
            return this;
        }

        public Multiboot1Image WithCommandLine(string text) => WithCommandLineAt(Place(CString(text)));

        public Multiboot1Image WithCommandLineAt(ulong address)
        {
            Flags |= 1 << 2;
            Memory.WriteU32(InfoAddress + 16, (uint)address);
            return this;
        }

        public Multiboot1Image WithBootLoaderName(string text)
        {
            Flags |= 1 << 9;
            Memory.WriteU32(InfoAddress + 64, (uint)Place(CString(text)));
            return this;
        }

        public Multiboot1Image WithModules(params (uint Start, uint End, string Text)[] modules)
        {
            var table = new byte[modules.Length * 16];
            for (int i = 0; i < modules.Length; i++)
            {
                BitConverter.GetBytes(modules[i].Start).CopyTo(table, i * 16);
                BitConverter.GetBytes(modules[i].End).CopyTo(table, i * 16 + 4);
                uint text = modules[i].Text is null ? 0 : (uint)Place(CString(modules[i].Text));
                BitConverter.GetBytes(text).CopyTo(table, i * 16 + 8);
            }
            return WithModuleTable((uint)modules.Length, Place(table));
        }

        public Multiboot1Image WithModuleTable(uint count, ulong address)
        {
            Flags |= 1 << 3;
            Memory.WriteU32(InfoAddress + 20, count);
            Memory.WriteU32(InfoAddress + 24, (uint)address);
            return this;
        }

        public Multiboot1Image WithMemoryMap(params (ulong Base, ulong Length, uint Type)[] entries) =>
            WithMemoryMapBytes(MemoryMapBytes(20, entries));

        public Multiboot1Image WithMemoryMapBytes(byte[] map) => WithMemoryMapAt((uint)map.Length, Place(map));

        public Multiboot1Image WithMemoryMapAt(uint length, ulong address)
        {
            Flags |= 1 << 6;
            Memory.WriteU32(InfoAddress + 44, length);
            Memory.WriteU32(InfoAddress + 48, (uint)address);
            return this;
        }

        /// <summary>Entries with the given size field (20 is the standard entry; more adds padding; less cuts the entry).</summary>
        public static byte[] MemoryMapBytes(uint sizeField, params (ulong Base, ulong Length, uint Type)[] entries)
        {
            int stride = 4 + (int)sizeField;
            var map = new byte[entries.Length * stride];
            for (int i = 0; i < entries.Length; i++)
            {
                var entry = new byte[Math.Max(stride, 24)];
                BitConverter.GetBytes(sizeField).CopyTo(entry, 0);
                BitConverter.GetBytes(entries[i].Base).CopyTo(entry, 4);
                BitConverter.GetBytes(entries[i].Length).CopyTo(entry, 12);
                BitConverter.GetBytes(entries[i].Type).CopyTo(entry, 20);
                Array.Copy(entry, 0, map, i * stride, stride);
            }
            return map;
        }

        /// <summary>Colour info goes to offset 112, where GRUB's structure puts it (the specification's table says 110).</summary>
        public Multiboot1Image WithFramebuffer(ulong address, uint pitch, uint width, uint height, byte bitsPerPixel, byte type, params byte[] colourInfo)
        {
            Flags |= 1 << 12;
            Memory.WriteU64(InfoAddress + 88, address);
            Memory.WriteU32(InfoAddress + 96, pitch);
            Memory.WriteU32(InfoAddress + 100, width);
            Memory.WriteU32(InfoAddress + 104, height);
            Memory.Write(InfoAddress + 108, new[] { bitsPerPixel, type });
            Memory.Write(InfoAddress + 112, colourInfo);
            return this;
        }

        /// <summary>Copies bytes to the next free spot of low memory (16-byte aligned) and returns the address.</summary>
        public ulong Place(byte[] bytes)
        {
            ulong address = _next;
            Memory.Write(address, bytes);
            _next = (_next + (ulong)bytes.Length + 15) & ~15UL;
            return address;
        }

        public static byte[] CString(string text) => Encoding.ASCII.GetBytes(text + "\0");

        public BootInfo Parse()
        {
            Memory.WriteU32(InfoAddress, Flags);
            return BootInfoParser.Parse(Multiboot1Parser.Magic, new PhysicalAddress(InfoAddress), Memory);
        }
    }
}
