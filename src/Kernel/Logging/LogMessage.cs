// The interpolated-string handler behind Log.Info($"...") and friends: the compiler turns each hole into
// an Append call that formats straight into a fixed buffer on the caller's stack, so logging never
// allocates. Holes accept strings, characters, booleans and integers, with "x8"/"X"/"D3"-style formats.
using System;
using System.Runtime.CompilerServices;
using MinimalOS.Kernel.Text;

namespace MinimalOS.Kernel.Logging
{
    [InterpolatedStringHandler]
    public unsafe ref struct LogMessage
    {
        public const int Capacity = 240;

        private fixed byte _text[Capacity];
        private int _length;
        private bool _truncated;

        public LogMessage(int literalLength, int formattedCount)
        {
            _length = 0;
            _truncated = false;
        }

        public ReadOnlySpan<byte> Text
        {
            get
            {
                fixed (byte* text = _text)
                    return new ReadOnlySpan<byte>(text, _length);
            }
        }

        public bool Truncated => _truncated;

        public void AppendLiteral(string value) => AppendFormatted(value);

        public void AppendFormatted(string value)
        {
            if (value is null)
                return;
            fixed (byte* text = _text)
            {
                var writer = Resume(text);
                writer.Append(value);
                Finish(ref writer);
            }
        }

        public void AppendFormatted(ReadOnlySpan<char> value)
        {
            fixed (byte* text = _text)
            {
                var writer = Resume(text);
                writer.Append(value);
                Finish(ref writer);
            }
        }

        public void AppendFormatted(char value)
        {
            fixed (byte* text = _text)
            {
                var writer = Resume(text);
                writer.Append(value);
                Finish(ref writer);
            }
        }

        public void AppendFormatted(bool value) => AppendFormatted(value ? "true" : "false");

        public void AppendFormatted(int value, string format = null) => AppendInteger(value < 0 ? (ulong)-(long)value : (ulong)value, value < 0, format, 32);

        public void AppendFormatted(long value, string format = null) => AppendInteger(value < 0 ? 0UL - (ulong)value : (ulong)value, value < 0, format, 64);

        public void AppendFormatted(uint value, string format = null) => AppendInteger(value, false, format, 32);

        public void AppendFormatted(ulong value, string format = null) => AppendInteger(value, false, format, 64);

        public void AppendFormatted(byte value, string format = null) => AppendInteger(value, false, format, 8);

        public void AppendFormatted(ushort value, string format = null) => AppendInteger(value, false, format, 16);

        private void AppendInteger(ulong magnitude, bool negative, string format, int bits)
        {
            fixed (byte* text = _text)
            {
                var writer = Resume(text);
                // Hex shows the two's-complement bit pattern of negative numbers, as .NET does.
                if (negative && format is not null && format.Length > 0 && (format[0] == 'x' || format[0] == 'X'))
                {
                    ulong pattern = 0UL - magnitude;
                    if (bits < 64)
                        pattern &= (1UL << bits) - 1;
                    writer.AppendFormatted(pattern, false, format);
                }
                else
                {
                    writer.AppendFormatted(magnitude, negative, format);
                }
                Finish(ref writer);
            }
        }

        // A writer continuing at the current length: a ref struct cannot hold a span of itself.
        private TextWriterSpan Resume(byte* text) => new TextWriterSpan(new Span<byte>(text, Capacity), _length);

        private void Finish(ref TextWriterSpan writer)
        {
            _length = writer.Length;
            _truncated |= writer.Truncated;
        }
    }
}
