// Builds a Multiboot 2 information structure (total_size, reserved, 8-byte aligned tags, end tag) and puts it
// in fake physical memory next to readable low memory. Tests can write any tag, including malformed ones,
// and override total_size.
using System;
using System.Collections.Generic;
using System.Text;
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Tests.Host.Boot
{
    internal sealed class Multiboot2Image
    {
        public const ulong InfoAddress = 0x200000;

        private readonly List<byte> _bytes = new(new byte[8]);

        public Multiboot2Image() => Memory.AddRegion(0, 0x100000);

        /// <summary>Low memory (the first MiB, with the RSDP scan areas); the information itself gets its own region.</summary>
        public FakePhysicalMemory Memory { get; } = new FakePhysicalMemory();

        /// <summary>Offset the next tag will have.</summary>
        public int NextOffset => _bytes.Count;

        /// <summary>A tag whose size field is 8 + payload length, padded to 8 bytes.</summary>
        public Multiboot2Image Tag(uint type, byte[] payload) => RawTag(type, (uint)(8 + payload.Length), payload);

        /// <summary>A tag with any size field; the payload is written as given, then padded to 8 bytes.</summary>
        public Multiboot2Image RawTag(uint type, uint sizeField, byte[] payload)
        {
            _bytes.AddRange(BitConverter.GetBytes(type));
            _bytes.AddRange(BitConverter.GetBytes(sizeField));
            _bytes.AddRange(payload);
            while (_bytes.Count % 8 != 0)
                _bytes.Add(0);
            return this;
        }

        public Multiboot2Image CommandLine(string text) => Tag(1, CString(text));

        public Multiboot2Image BootLoaderName(string text) => Tag(2, CString(text));

        public Multiboot2Image Module(uint start, uint end, string text) => Tag(3, Concat(U32(start), U32(end), CString(text)));

        public Multiboot2Image BasicMemory(uint lowerKiB, uint upperKiB) => Tag(4, Concat(U32(lowerKiB), U32(upperKiB)));

        public Multiboot2Image MemoryMap(params (ulong Base, ulong Length, uint Type)[] entries) => MemoryMapWith(24, 0, entries);

        public Multiboot2Image MemoryMapWith(uint entrySize, uint entryVersion, params (ulong Base, ulong Length, uint Type)[] entries)
        {
            var payload = new List<byte>();
            payload.AddRange(U32(entrySize));
            payload.AddRange(U32(entryVersion));
            foreach (var entry in entries)
            {
                var bytes = new byte[Math.Max(entrySize, 24)];
                BitConverter.GetBytes(entry.Base).CopyTo(bytes, 0);
                BitConverter.GetBytes(entry.Length).CopyTo(bytes, 8);
                BitConverter.GetBytes(entry.Type).CopyTo(bytes, 16);
                payload.AddRange(bytes.AsSpan(0, (int)entrySize).ToArray());
            }
            return Tag(6, payload.ToArray());
        }

        /// <summary>Framebuffer tag as GRUB writes it: common fields, two reserved bytes, then colour info.</summary>
        public Multiboot2Image Framebuffer(ulong address, uint pitch, uint width, uint height, byte bitsPerPixel, byte type, params byte[] colourInfo) =>
            Tag(8, Concat(U64(address), U32(pitch), U32(width), U32(height), new[] { bitsPerPixel, type, (byte)0, (byte)0 }, colourInfo));

        public Multiboot2Image AcpiOld(byte[] rsdp) => Tag(14, rsdp);

        public Multiboot2Image AcpiNew(byte[] rsdp) => Tag(15, rsdp);

        public Multiboot2Image EfiMemoryMap(uint descriptorSize, int descriptors) =>
            Tag(17, Concat(U32(descriptorSize), U32(1), new byte[descriptorSize * descriptors]));

        public Multiboot2Image End() => RawTag(0, 8, Array.Empty<byte>());

        /// <summary>The image with total_size set to its length (or to <paramref name="totalSize"/>).</summary>
        public byte[] Build(uint? totalSize = null)
        {
            byte[] image = _bytes.ToArray();
            BitConverter.GetBytes(totalSize ?? (uint)image.Length).CopyTo(image, 0);
            return image;
        }

        /// <summary>Places the image (only its first <paramref name="readable"/> bytes, if given) and parses it.</summary>
        public BootInfo Parse(uint? totalSize = null, int? readable = null)
        {
            byte[] image = Build(totalSize);
            byte[] region = Memory.AddRegion(InfoAddress, readable ?? image.Length);
            Array.Copy(image, region, Math.Min(image.Length, region.Length));
            return BootInfoParser.Parse(Multiboot2Parser.Magic, new PhysicalAddress(InfoAddress), Memory);
        }

        public static byte[] CString(string text) => Encoding.ASCII.GetBytes(text + "\0");

        public static byte[] U32(uint value) => BitConverter.GetBytes(value);

        public static byte[] U64(ulong value) => BitConverter.GetBytes(value);

        public static byte[] Concat(params byte[][] parts)
        {
            var all = new List<byte>();
            foreach (byte[] part in parts)
                all.AddRange(part);
            return all.ToArray();
        }
    }
}
