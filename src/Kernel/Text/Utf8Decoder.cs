// UTF-8 to code points, one at a time, for text of unknown quality (log lines can carry anything).
// Invalid input never stops decoding: each maximal invalid subpart becomes one U+FFFD, as the Unicode
// standard recommends, so a bad byte cannot swallow the valid text after it.
using System;

namespace MinimalOS.Kernel.Text
{
    public static class Utf8Decoder
    {
        public const int ReplacementCharacter = 0xFFFD;

        /// <summary>
        /// Decodes the code point at the start of <paramref name="source"/> (which must not be empty) and
        /// returns how many bytes it used (at least 1). Invalid or truncated sequences give U+FFFD.
        /// </summary>
        public static int Decode(ReadOnlySpan<byte> source, out int codePoint)
        {
            byte lead = source[0];
            if (lead < 0x80)
            {
                codePoint = lead;
                return 1;
            }
            int length;
            int value;
            // The second byte's range is narrower for some leads: it rules out overlong forms,
            // surrogates (ED A0..BF) and values above U+10FFFF (F4 90..).
            byte secondMin = 0x80;
            byte secondMax = 0xBF;
            if (lead >= 0xC2 && lead <= 0xDF)
            {
                length = 2;
                value = lead & 0x1F;
            }
            else if (lead >= 0xE0 && lead <= 0xEF)
            {
                length = 3;
                value = lead & 0x0F;
                if (lead == 0xE0) secondMin = 0xA0;
                else if (lead == 0xED) secondMax = 0x9F;
            }
            else if (lead >= 0xF0 && lead <= 0xF4)
            {
                length = 4;
                value = lead & 0x07;
                if (lead == 0xF0) secondMin = 0x90;
                else if (lead == 0xF4) secondMax = 0x8F;
            }
            else
            {
                codePoint = ReplacementCharacter;
                return 1;
            }
            for (int i = 1; i < length; i++)
            {
                if (i >= source.Length)
                {
                    codePoint = ReplacementCharacter;
                    return i;
                }
                byte next = source[i];
                byte min = i == 1 ? secondMin : (byte)0x80;
                byte max = i == 1 ? secondMax : (byte)0xBF;
                if (next < min || next > max)
                {
                    codePoint = ReplacementCharacter;
                    return i;
                }
                value = (value << 6) | (next & 0x3F);
            }
            codePoint = value;
            return length;
        }
    }
}
