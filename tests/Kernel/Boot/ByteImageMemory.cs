// A byte array posing as physical memory at a chosen address, so kernel tests can run the boot parsers on
// crafted images with the kernel's own compiler and corelib (the host tests use the .NET BCL).
using System;
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Tests
{
    internal sealed class ByteImageMemory : PhysicalMemoryReader
    {
        private readonly byte[] _bytes;
        private readonly ulong _start;

        public ByteImageMemory(byte[] bytes, ulong start)
        {
            _bytes = bytes;
            _start = start;
        }

        public override ReadOnlySpan<byte> Read(PhysicalAddress address, int maxLength)
        {
            if (maxLength <= 0 || address.Value < _start || address.Value - _start >= (ulong)_bytes.Length)
                return default;
            int offset = (int)(address.Value - _start);
            int length = _bytes.Length - offset < maxLength ? _bytes.Length - offset : maxLength;
            return new ReadOnlySpan<byte>(_bytes, offset, length);
        }

        public static void PutU32(byte[] bytes, int offset, uint value)
        {
            for (int i = 0; i < 4; i++)
                bytes[offset + i] = (byte)(value >> (8 * i));
        }

        public static void PutU64(byte[] bytes, int offset, ulong value)
        {
            PutU32(bytes, offset, (uint)value);
            PutU32(bytes, offset + 4, (uint)(value >> 32));
        }

        public static void PutAscii(byte[] bytes, int offset, string text)
        {
            for (int i = 0; i < text.Length; i++)
                bytes[offset + i] = (byte)text[i];
        }
    }
}
