// UTF-16 to UTF-8 encoding into a fixed buffer. Unpaired surrogates become U+FFFD, and a character is
// never split across the end of the buffer.
using System;

namespace MinimalOS.Kernel.Text
{
    public static class Utf8
    {
        private const int ReplacementCharacter = 0xFFFD;

        /// <summary>Encodes one BMP code unit (a lone surrogate becomes U+FFFD); returns 1 to 3 bytes.</summary>
        public static int Encode(char c, Span<byte> destination)
        {
            int codePoint = c >= 0xD800 && c <= 0xDFFF ? ReplacementCharacter : c;
            return EncodeCodePoint(codePoint, destination);
        }

        /// <summary>Encodes as much of <paramref name="text"/> as fits; complete is false if some was left out.</summary>
        public static int Encode(ReadOnlySpan<char> text, Span<byte> destination, out bool complete)
        {
            int written = 0;
            Span<byte> scratch = stackalloc byte[4];
            for (int i = 0; i < text.Length; i++)
            {
                int codePoint = text[i];
                // ASCII, nearly all kernel text, goes straight through.
                if (codePoint < 0x80)
                {
                    if (written == destination.Length)
                    {
                        complete = false;
                        return written;
                    }
                    destination[written++] = (byte)codePoint;
                    continue;
                }
                if (codePoint >= 0xD800 && codePoint <= 0xDBFF && i + 1 < text.Length && text[i + 1] >= 0xDC00 && text[i + 1] <= 0xDFFF)
                {
                    codePoint = 0x10000 + ((codePoint - 0xD800) << 10) + (text[i + 1] - 0xDC00);
                    i++;
                }
                else if (codePoint >= 0xD800 && codePoint <= 0xDFFF)
                {
                    codePoint = ReplacementCharacter;
                }
                int n = EncodeCodePoint(codePoint, scratch);
                if (n > destination.Length - written)
                {
                    complete = false;
                    return written;
                }
                scratch.Slice(0, n).CopyTo(destination.Slice(written));
                written += n;
            }
            complete = true;
            return written;
        }

        private static int EncodeCodePoint(int codePoint, Span<byte> destination)
        {
            if (codePoint < 0x80)
            {
                destination[0] = (byte)codePoint;
                return 1;
            }
            if (codePoint < 0x800)
            {
                destination[0] = (byte)(0xC0 | (codePoint >> 6));
                destination[1] = (byte)(0x80 | (codePoint & 0x3F));
                return 2;
            }
            if (codePoint < 0x10000)
            {
                destination[0] = (byte)(0xE0 | (codePoint >> 12));
                destination[1] = (byte)(0x80 | ((codePoint >> 6) & 0x3F));
                destination[2] = (byte)(0x80 | (codePoint & 0x3F));
                return 3;
            }
            destination[0] = (byte)(0xF0 | (codePoint >> 18));
            destination[1] = (byte)(0x80 | ((codePoint >> 12) & 0x3F));
            destination[2] = (byte)(0x80 | ((codePoint >> 6) & 0x3F));
            destination[3] = (byte)(0x80 | (codePoint & 0x3F));
            return 4;
        }
    }
}
