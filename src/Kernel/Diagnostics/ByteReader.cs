// A forward cursor over untrusted little-endian binary data (the embedded symbol table, .eh_frame). Every
// read is bounds-checked: reading past the end sets Failed, returns zero and leaves Position where it was,
// so parsers check Failed once after a group of reads instead of before each one. Never throws.
using System;

namespace MinimalOS.Kernel.Diagnostics
{
    public ref struct ByteReader
    {
        private const int MaxLeb128Bytes = 10;

        private readonly ReadOnlySpan<byte> _bytes;

        public ByteReader(ReadOnlySpan<byte> bytes, int position)
        {
            _bytes = bytes;
            Position = position;
            Failed = position < 0 || position > bytes.Length;
        }

        public int Position { get; private set; }

        /// <summary>Set by the first read that did not fit; stays set.</summary>
        public bool Failed { get; private set; }

        public byte ReadByte() => (byte)ReadLittleEndian(1);

        public ushort ReadUInt16() => (ushort)ReadLittleEndian(2);

        public uint ReadUInt32() => (uint)ReadLittleEndian(4);

        public ulong ReadUInt64() => ReadLittleEndian(8);

        public void Skip(ulong count)
        {
            if (!Fits(count))
                return;
            Position += (int)count;
        }

        public ulong ReadUnsignedLeb128()
        {
            ulong value = 0;
            int start = Position;
            for (int i = 0; i < MaxLeb128Bytes; i++)
            {
                if (!Fits(1))
                    break;
                byte b = _bytes[Position++];
                value |= (ulong)(b & 0x7F) << (7 * i);
                if ((b & 0x80) == 0)
                    return value;
            }
            return Fail(start);
        }

        public long ReadSignedLeb128()
        {
            long value = 0;
            int start = Position;
            for (int i = 0; i < MaxLeb128Bytes; i++)
            {
                if (!Fits(1))
                    break;
                byte b = _bytes[Position++];
                value |= (long)(b & 0x7F) << (7 * i);
                if ((b & 0x80) == 0)
                {
                    int bits = 7 * (i + 1);
                    if (bits < 64 && (b & 0x40) != 0)
                        value |= -1L << bits;
                    return value;
                }
            }
            return (long)Fail(start);
        }

        /// <summary>Reads a NUL-terminated string (without the NUL), at most <paramref name="maxLength"/> bytes long.</summary>
        public ReadOnlySpan<byte> ReadTerminatedString(int maxLength)
        {
            if (Failed)
                return default;
            int start = Position;
            for (int length = 0; length <= maxLength && start + length < _bytes.Length; length++)
            {
                if (_bytes[start + length] == 0)
                {
                    Position = start + length + 1;
                    return _bytes.Slice(start, length);
                }
            }
            Fail(start);
            return default;
        }

        private ulong ReadLittleEndian(int size)
        {
            if (!Fits((ulong)size))
                return 0;
            ulong value = 0;
            for (int i = size - 1; i >= 0; i--)
                value = (value << 8) | _bytes[Position + i];
            Position += size;
            return value;
        }

        private bool Fits(ulong count)
        {
            if (Failed || count > (ulong)(_bytes.Length - Position))
            {
                Failed = true;
                return false;
            }
            return true;
        }

        private ulong Fail(int restorePosition)
        {
            Position = restorePosition;
            Failed = true;
            return 0;
        }
    }
}
