// Integer to ASCII digits, into a caller's buffer. Returns the number of bytes written, or 0 when the
// number does not fit (callers never print a partial number).
using System;

namespace MinimalOS.Kernel.Text
{
    public static class NumberFormatter
    {
        private const string LowerDigits = "0123456789abcdef";
        private const string UpperDigits = "0123456789ABCDEF";

        public static int FormatDecimal(ulong value, Span<byte> destination)
        {
            int digits = 1;
            for (ulong v = value; v >= 10; v /= 10)
                digits++;
            if (digits > destination.Length)
                return 0;
            for (int i = digits - 1; i >= 0; i--)
            {
                destination[i] = (byte)('0' + (int)(value % 10));
                value /= 10;
            }
            return digits;
        }

        public static int FormatDecimal(long value, Span<byte> destination)
        {
            if (value >= 0)
                return FormatDecimal((ulong)value, destination);
            if (destination.Length < 2)
                return 0;
            // Negate in unsigned arithmetic so long.MinValue works.
            int written = FormatDecimal(0UL - (ulong)value, destination.Slice(1));
            if (written == 0)
                return 0;
            destination[0] = (byte)'-';
            return written + 1;
        }

        public static int FormatHex(ulong value, int minDigits, bool upperCase, Span<byte> destination)
        {
            if (minDigits < 1)
                minDigits = 1;
            if (minDigits > 16)
                minDigits = 16;
            int digits = 1;
            for (ulong v = value; v >= 16; v >>= 4)
                digits++;
            if (digits < minDigits)
                digits = minDigits;
            if (digits > destination.Length)
                return 0;
            string table = upperCase ? UpperDigits : LowerDigits;
            for (int i = digits - 1; i >= 0; i--)
            {
                destination[i] = (byte)table[(int)(value & 0xF)];
                value >>= 4;
            }
            return digits;
        }
    }
}
