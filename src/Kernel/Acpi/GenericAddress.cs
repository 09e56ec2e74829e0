// An ACPI Generic Address Structure (12 bytes): which address space a register lives in, its width and
// offset in bits, the access size, and the 64-bit address. Decoded as given; users check the space before
// touching hardware.
using System;
using MinimalOS.Kernel.Boot;

namespace MinimalOS.Kernel.Acpi
{
    public readonly struct GenericAddress
    {
        public const int Size = 12;

        public GenericAddress(GenericAddressSpace space, byte bitWidth, byte bitOffset, byte accessSize, ulong address)
        {
            Space = space;
            BitWidth = bitWidth;
            BitOffset = bitOffset;
            AccessSize = accessSize;
            Address = address;
        }

        public GenericAddressSpace Space { get; }
        public byte BitWidth { get; }
        public byte BitOffset { get; }

        /// <summary>0 undefined (legacy), 1 byte, 2 word, 3 dword, 4 qword.</summary>
        public byte AccessSize { get; }
        public ulong Address { get; }

        /// <summary>A zero address means "not present" throughout ACPI.</summary>
        public bool IsPresent => Address != 0;

        /// <summary>Decodes the 12 bytes at <paramref name="offset"/>; the caller has checked they fit.</summary>
        public static GenericAddress Read(ReadOnlySpan<byte> bytes, int offset) =>
            new GenericAddress((GenericAddressSpace)bytes[offset], bytes[offset + 1], bytes[offset + 2], bytes[offset + 3], LittleEndian.U64(bytes, offset + 4));

        /// <summary>A legacy I/O port block from the ACPI 1.0 fields, as a generic address (0 = absent).</summary>
        public static GenericAddress IoPort(uint port, byte bitWidth) =>
            new GenericAddress(GenericAddressSpace.SystemIo, bitWidth, 0, 0, port);
    }
}
