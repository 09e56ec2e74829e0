// The root task's options on the kernel command line (the boot-info page carries it): words of the form
// user.<name>=<value>, the other words being the kernel's. Only reads the page.
using MinimalOS.User.Runtime;

namespace MinimalOS.Tests.User.Common
{
    internal static unsafe class CommandLine
    {
        /// <summary>The decimal value of option <paramref name="name"/> (e.g. "user.fuzz.seed"); false when absent or not a number.</summary>
        public static bool TryGetNumber(BootInfo bootInfo, string name, out ulong value)
        {
            value = 0;
            byte* line = bootInfo.Page->CommandLine;
            int length = (int)bootInfo.Page->CommandLineLength;
            int word = 0;
            while (word < length)
            {
                int end = word;
                while (end < length && line[end] != ' ')
                    end++;
                if (end - word > name.Length && line[word + name.Length] == '=' && Matches(line + word, name))
                    return TryParse(line + word + name.Length + 1, end - word - name.Length - 1, out value);
                word = end + 1;
            }
            return false;
        }

        private static bool Matches(byte* text, string name)
        {
            for (int i = 0; i < name.Length; i++)
            {
                if (text[i] != name[i])
                    return false;
            }
            return true;
        }

        private static bool TryParse(byte* digits, int count, out ulong value)
        {
            value = 0;
            if (count == 0 || count > 20)
                return false;
            for (int i = 0; i < count; i++)
            {
                if (digits[i] < '0' || digits[i] > '9')
                    return false;
                ulong digit = (ulong)(digits[i] - '0');
                if (value > (ulong.MaxValue - digit) / 10)
                    return false;
                value = value * 10 + digit;
            }
            return true;
        }
    }
}
