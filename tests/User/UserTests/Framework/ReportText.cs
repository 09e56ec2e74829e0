// One line of report text - a failure's reason, or a whole UTEST line - built in a fixed buffer without
// allocating (the program's heap never frees, and a test loop that failed must not exhaust it): ASCII only,
// truncated at DebugLog's 256 bytes.
using System;
using MinimalOS.Abi;

namespace MinimalOS.Tests.User.Framework
{
    internal unsafe struct ReportText
    {
        public const int Capacity = 256;

        private fixed byte _bytes[Capacity];
        private int _length;

        public int Length => _length;

        public void Clear() => _length = 0;

        public ReadOnlySpan<byte> Bytes
        {
            get
            {
                fixed (byte* bytes = _bytes)
                    return new ReadOnlySpan<byte>(bytes, _length);
            }
        }

        public void Append(string text)
        {
            for (int i = 0; i < text.Length; i++)
                Append(text[i]);
        }

        public void Append(char c)
        {
            if (_length < Capacity)
                _bytes[_length++] = c >= ' ' && c <= '~' ? (byte)c : (byte)'?';
        }

        public void Append(ReadOnlySpan<byte> text)
        {
            for (int i = 0; i < text.Length; i++)
                Append((char)text[i]);
        }

        public void AppendDecimal(ulong value)
        {
            Span<char> digits = stackalloc char[20];
            int count = 0;
            do
            {
                digits[count++] = (char)('0' + (int)(value % 10));
                value /= 10;
            } while (value != 0);
            while (count > 0)
                Append(digits[--count]);
        }

        public void AppendHex(ulong value)
        {
            Append("0x");
            bool started = false;
            for (int shift = 60; shift >= 0; shift -= 4)
            {
                int digit = (int)((value >> shift) & 0xF);
                if (digit == 0 && !started && shift != 0)
                    continue;
                started = true;
                Append((char)(digit < 10 ? '0' + digit : 'a' + digit - 10));
            }
        }

        public void Append(SyscallError error) => Append(Names.Of(error));
    }
}
