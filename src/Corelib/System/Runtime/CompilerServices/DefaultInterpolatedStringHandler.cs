// Builds the string for $"..." when the target is a string (the C# compiler binds to this type by name).
// Allocates: a growing char buffer and the result. Holes are formatted without boxing value types: the
// integer types go through System.Number (with "x8"/"D3"-style formats), anything else through ToString.
// Kernel log lines never come here: Log's own handler formats on the stack.
namespace System.Runtime.CompilerServices
{
    [InterpolatedStringHandler]
    public ref struct DefaultInterpolatedStringHandler
    {
        private char[] _chars;
        private int _length;

        public DefaultInterpolatedStringHandler(int literalLength, int formattedCount)
        {
            _chars = new char[Math.Max(16, literalLength + formattedCount * 11)];
            _length = 0;
        }

        public void AppendLiteral(string value) => Append(value);

        public void AppendFormatted(string value) => Append(value);

        public void AppendFormatted(ReadOnlySpan<char> value) => Append(value);

        public void AppendFormatted<T>(T value) => AppendFormatted(value, null);

        public void AppendFormatted<T>(T value, string format)
        {
            // ilc compiles one copy per value type, so these tests fold away and the casts do not box.
            if (typeof(T) == typeof(int)) Append(Number.FormatSigned((int)(object)value, format, 32));
            else if (typeof(T) == typeof(long)) Append(Number.FormatSigned((long)(object)value, format, 64));
            else if (typeof(T) == typeof(short)) Append(Number.FormatSigned((short)(object)value, format, 16));
            else if (typeof(T) == typeof(sbyte)) Append(Number.FormatSigned((sbyte)(object)value, format, 8));
            else if (typeof(T) == typeof(uint)) Append(Number.FormatUnsigned((uint)(object)value, format, 32));
            else if (typeof(T) == typeof(ulong)) Append(Number.FormatUnsigned((ulong)(object)value, format, 64));
            else if (typeof(T) == typeof(ushort)) Append(Number.FormatUnsigned((ushort)(object)value, format, 16));
            else if (typeof(T) == typeof(byte)) Append(Number.FormatUnsigned((byte)(object)value, format, 8));
            else if (typeof(T) == typeof(nint)) Append(Number.FormatSigned((nint)(object)value, format, 64));
            else if (typeof(T) == typeof(nuint)) Append(Number.FormatUnsigned((nuint)(object)value, format, 64));
            else if (value is not null)
            {
                if (format is not null && format.Length != 0)
                    throw new FormatException("Format strings apply to integers only: " + format);
                Append(value.ToString());
            }
        }

        public string ToStringAndClear()
        {
            string result = new string(new ReadOnlySpan<char>(_chars, 0, _length));
            _chars = null;
            _length = 0;
            return result;
        }

        private void Append(scoped ReadOnlySpan<char> text)
        {
            if (text.Length > _chars.Length - _length)
            {
                char[] larger = new char[Math.Max(_chars.Length * 2, _length + text.Length)];
                new ReadOnlySpan<char>(_chars, 0, _length).CopyTo(larger);
                _chars = larger;
            }
            text.CopyTo(new Span<char>(_chars, _length, text.Length));
            _length += text.Length;
        }

        private void Append(string text)
        {
            if (text is not null)
                Append(text.AsSpan());
        }
    }
}
