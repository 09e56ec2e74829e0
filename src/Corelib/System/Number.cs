// Integer to string for ToString and string interpolation. These allocate the result (ordinary C#
// semantics); kernel paths that must not allocate format with MinimalOS.Kernel.Text instead.
// Supported formats: null/"" and "D"/"Dn" (decimal, at least n digits), "X"/"x"/"Xn"/"xn" (hex).
namespace System
{
    internal static class Number
    {
        public static string Format(ulong magnitude, bool negative, string format, int bits)
        {
            bool hex = false;
            bool upper = false;
            int minDigits = 1;
            if (format is not null && format.Length != 0)
            {
                char kind = format[0];
                if (kind == 'x' || kind == 'X')
                {
                    hex = true;
                    upper = kind == 'X';
                }
                else if (kind != 'd' && kind != 'D')
                {
                    throw new FormatException("Unsupported numeric format: " + format);
                }
                int digits = 0;
                for (int i = 1; i < format.Length; i++)
                {
                    char c = format[i];
                    if (c < '0' || c > '9' || digits > 99)
                        throw new FormatException("Bad numeric format: " + format);
                    digits = digits * 10 + (c - '0');
                }
                if (format.Length > 1)
                    minDigits = digits;
            }
            if (hex && negative)
            {
                // Hex shows the two's-complement bit pattern, as in .NET.
                magnitude = 0UL - magnitude;
                if (bits < 64)
                    magnitude &= (1UL << bits) - 1;
                negative = false;
            }
            Span<char> buffer = stackalloc char[128];
            int position = buffer.Length;
            uint radix = hex ? 16u : 10u;
            string digitsTable = upper ? "0123456789ABCDEF" : "0123456789abcdef";
            int written = 0;
            do
            {
                buffer[--position] = digitsTable[(int)(magnitude % radix)];
                magnitude /= radix;
                written++;
            }
            while (magnitude != 0);
            while (written < minDigits && position > 1)
            {
                buffer[--position] = '0';
                written++;
            }
            if (negative)
                buffer[--position] = '-';
            return new string(buffer.Slice(position));
        }

        public static string FormatSigned(long value, string format, int bits) =>
            Format(value < 0 ? 0UL - (ulong)value : (ulong)value, value < 0, format, bits);

        public static string FormatUnsigned(ulong value, string format, int bits) => Format(value, false, format, bits);
    }
}
