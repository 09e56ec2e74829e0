// Formats text and numbers as UTF-8 into a caller-provided buffer, never allocating: the kernel's logger,
// panic handler and consoles all build their lines with it. Output that does not fit is dropped whole
// (a number is never cut short) and Truncated records that it happened.
using System;

namespace MinimalOS.Kernel.Text
{
    public ref struct TextWriterSpan
    {
        private readonly Span<byte> _buffer;
        private int _length;

        public TextWriterSpan(Span<byte> buffer)
        {
            _buffer = buffer;
            _length = 0;
            Truncated = false;
        }

        /// <summary>Continues text already in <paramref name="buffer"/>: its first <paramref name="length"/> bytes are kept.</summary>
        public TextWriterSpan(Span<byte> buffer, int length)
        {
            _buffer = buffer;
            _length = length < 0 ? 0 : length > buffer.Length ? buffer.Length : length;
            Truncated = false;
        }

        public int Length => _length;

        public bool Truncated { get; private set; }

        public ReadOnlySpan<byte> Written => _buffer.Slice(0, _length);

        public void Append(byte asciiOrUtf8)
        {
            if (_length < _buffer.Length)
                _buffer[_length++] = asciiOrUtf8;
            else
                Truncated = true;
        }

        public void Append(char c)
        {
            Span<byte> encoded = stackalloc byte[3];
            int n = Utf8.Encode(c, encoded);
            Append(encoded.Slice(0, n));
        }

        public void Append(scoped ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length > _buffer.Length - _length)
            {
                Truncated = true;
                bytes = bytes.Slice(0, _buffer.Length - _length);
            }
            bytes.CopyTo(_buffer.Slice(_length));
            _length += bytes.Length;
        }

        public void Append(string text) => Append(text.AsSpan());

        public void Append(scoped ReadOnlySpan<char> text)
        {
            int written = Utf8.Encode(text, _buffer.Slice(_length), out bool complete);
            _length += written;
            if (!complete)
                Truncated = true;
        }

        public void AppendDecimal(ulong value) => AppendNumber(NumberFormatter.FormatDecimal(value, Remaining()));

        public void AppendDecimal(long value) => AppendNumber(NumberFormatter.FormatDecimal(value, Remaining()));

        public void AppendHex(ulong value, int minDigits = 1, bool upperCase = false) =>
            AppendNumber(NumberFormatter.FormatHex(value, minDigits, upperCase, Remaining()));

        /// <summary>Appends "0x" and at least <paramref name="minDigits"/> hex digits.</summary>
        public void AppendAddress(ulong value, int minDigits = 16)
        {
            Append((byte)'0');
            Append((byte)'x');
            AppendHex(value, minDigits);
        }

        /// <summary>Pads with spaces on the left until the text written since <paramref name="start"/> is <paramref name="width"/> wide.</summary>
        public void PadLeftFrom(int start, int width)
        {
            int written = _length - start;
            int pad = width - written;
            if (pad <= 0)
                return;
            if (pad > _buffer.Length - _length)
            {
                Truncated = true;
                return;
            }
            for (int i = _length - 1; i >= start; i--)
                _buffer[i + pad] = _buffer[i];
            for (int i = 0; i < pad; i++)
                _buffer[start + i] = (byte)' ';
            _length += pad;
        }

        /// <summary>Appends a number formatted per a .NET-style format string: "", "D", "D5", "x", "X8".</summary>
        public void AppendFormatted(ulong value, bool negative, string format)
        {
            if (!NumberFormat.TryParse(format, out NumberFormat parsed))
            {
                Append("<bad format>");
                return;
            }
            int start = _length;
            if (parsed.Hexadecimal)
            {
                AppendHex(value, parsed.MinDigits, parsed.UpperCase);
                return;
            }
            if (negative)
                Append((byte)'-');
            int digitsStart = _length;
            AppendDecimal(value);
            // Zero-pad decimal to the requested digit count, after any sign.
            int digits = _length - digitsStart;
            if (digits < parsed.MinDigits && !Truncated)
            {
                int pad = parsed.MinDigits - digits;
                if (pad > _buffer.Length - _length)
                {
                    _length = start;
                    Truncated = true;
                    return;
                }
                for (int i = _length - 1; i >= digitsStart; i--)
                    _buffer[i + pad] = _buffer[i];
                for (int i = 0; i < pad; i++)
                    _buffer[digitsStart + i] = (byte)'0';
                _length += pad;
            }
        }

        private Span<byte> Remaining() => _buffer.Slice(_length);

        private void AppendNumber(int written)
        {
            if (written == 0)
                Truncated = true;
            _length += written;
        }
    }
}
