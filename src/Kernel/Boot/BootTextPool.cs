// Fixed-capacity character storage for the texts of one BootInfo. Loader bytes are untrusted: anything but
// printable ASCII becomes '?' (a tab becomes a space) so no text can smuggle control or escape sequences
// into the log. It never grows; text that does not fit is cut, and the caller is told.
using System;

namespace MinimalOS.Kernel.Boot
{
    public sealed class BootTextPool
    {
        private readonly char[] _chars;
        private int _used;

        public BootTextPool(int capacity) => _chars = new char[capacity];

        public int Remaining => _chars.Length - _used;

        /// <summary>Stores <paramref name="raw"/> (no terminator) cleaned up; <paramref name="cut"/> says it did not all fit.</summary>
        public BootText Add(ReadOnlySpan<byte> raw, out bool cut)
        {
            int length = raw.Length <= Remaining ? raw.Length : Remaining;
            cut = length < raw.Length;
            int start = _used;
            for (int i = 0; i < length; i++)
                _chars[start + i] = Clean(raw[i]);
            _used += length;
            return new BootText(_chars, start, length);
        }

        private static char Clean(byte value)
        {
            if (value == (byte)'\t')
                return ' ';
            return value >= 0x20 && value < 0x7F ? (char)value : '?';
        }
    }
}
