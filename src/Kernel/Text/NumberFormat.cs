// Parses the subset of .NET numeric format strings the kernel supports in interpolation holes:
// "" or "D" or "Dn" (decimal, at least n digits) and "x"/"X" or "xn"/"Xn" (hex, at least n digits).
namespace MinimalOS.Kernel.Text
{
    public readonly struct NumberFormat
    {
        public NumberFormat(bool hexadecimal, bool upperCase, int minDigits)
        {
            Hexadecimal = hexadecimal;
            UpperCase = upperCase;
            MinDigits = minDigits;
        }

        public bool Hexadecimal { get; }
        public bool UpperCase { get; }
        public int MinDigits { get; }

        public static bool TryParse(string format, out NumberFormat result)
        {
            result = new NumberFormat(false, false, 1);
            if (format is null || format.Length == 0)
                return true;
            char kind = format[0];
            bool hex;
            bool upper;
            if (kind == 'x') { hex = true; upper = false; }
            else if (kind == 'X') { hex = true; upper = true; }
            else if (kind == 'd' || kind == 'D') { hex = false; upper = false; }
            else return false;
            int digits = 0;
            for (int i = 1; i < format.Length; i++)
            {
                char c = format[i];
                if (c < '0' || c > '9')
                    return false;
                digits = digits * 10 + (c - '0');
                if (digits > 64)
                    return false;
            }
            result = new NumberFormat(hex, upper, digits == 0 ? 1 : digits);
            return true;
        }
    }
}
