// A binary PPM image (P6), the format of QEMU's screendump. Parses untrusted bytes: a malformed header or a
// short pixel section is a FormatException saying what is wrong, never a wrong picture.
using System;
using System.IO;

namespace MinimalOS.Tests.Boot.Screen
{
    public readonly record struct Rgb(byte R, byte G, byte B)
    {
        /// <summary>Black up to the small noise a scaler or dithering could add.</summary>
        public bool IsBlack => R <= 0x10 && G <= 0x10 && B <= 0x10;
    }

    public sealed class PpmImage
    {
        private readonly Rgb[] _pixels;

        private PpmImage(int width, int height, Rgb[] pixels)
        {
            Width = width;
            Height = height;
            _pixels = pixels;
        }

        public int Width { get; }
        public int Height { get; }

        public Rgb this[int x, int y] => _pixels[y * Width + x];

        public static PpmImage Load(string path) => Parse(File.ReadAllBytes(path));

        public static PpmImage Parse(ReadOnlySpan<byte> bytes)
        {
            int position = 0;
            if (ReadToken(bytes, ref position) != "P6")
                throw new FormatException("not a binary PPM image: the file does not start with P6");
            int width = ReadNumber(bytes, ref position, "width");
            int height = ReadNumber(bytes, ref position, "height");
            int maximum = ReadNumber(bytes, ref position, "maximum sample value");
            if (width == 0 || height == 0 || (long)width * height > 64L * 1024 * 1024)
                throw new FormatException($"PPM image size {width}x{height} is not plausible");
            if (maximum > 65535)
                throw new FormatException($"PPM maximum sample value {maximum} is above 65535");
            // Exactly one whitespace byte separates the header from the pixels.
            if (position >= bytes.Length || !IsWhitespace(bytes[position]))
                throw new FormatException("PPM header does not end with whitespace");
            position++;

            int bytesPerSample = maximum < 256 ? 1 : 2;
            long needed = (long)width * height * 3 * bytesPerSample;
            if (bytes.Length - position < needed)
                throw new FormatException($"PPM pixel data is {bytes.Length - position} bytes, {needed} expected for {width}x{height}");

            var pixels = new Rgb[width * height];
            for (int i = 0; i < pixels.Length; i++)
            {
                byte red = Sample(bytes, ref position, bytesPerSample, maximum);
                byte green = Sample(bytes, ref position, bytesPerSample, maximum);
                byte blue = Sample(bytes, ref position, bytesPerSample, maximum);
                pixels[i] = new Rgb(red, green, blue);
            }
            return new PpmImage(width, height, pixels);
        }

        /// <summary>How many pixels of the rectangle (clipped to the image) satisfy <paramref name="predicate"/>.</summary>
        public int Count(int left, int top, int width, int height, Func<Rgb, bool> predicate)
        {
            int right = Math.Min(Width, left + width);
            int bottom = Math.Min(Height, top + height);
            int count = 0;
            for (int y = Math.Max(0, top); y < bottom; y++)
            {
                for (int x = Math.Max(0, left); x < right; x++)
                {
                    if (predicate(this[x, y]))
                        count++;
                }
            }
            return count;
        }

        private static byte Sample(ReadOnlySpan<byte> bytes, ref int position, int bytesPerSample, int maximum)
        {
            int value = bytesPerSample == 1 ? bytes[position] : (bytes[position] << 8) | bytes[position + 1];
            position += bytesPerSample;
            return (byte)(Math.Min(value, maximum) * 255 / maximum);
        }

        private static int ReadNumber(ReadOnlySpan<byte> bytes, ref int position, string what)
        {
            string token = ReadToken(bytes, ref position);
            if (!int.TryParse(token, System.Globalization.NumberStyles.None, null, out int value))
                throw new FormatException($"PPM {what} is not a number: '{token}'");
            return value;
        }

        // Skips whitespace and '#' comments, then reads up to the next whitespace.
        private static string ReadToken(ReadOnlySpan<byte> bytes, ref int position)
        {
            while (position < bytes.Length)
            {
                if (bytes[position] == (byte)'#')
                {
                    while (position < bytes.Length && bytes[position] != (byte)'\n')
                        position++;
                }
                else if (IsWhitespace(bytes[position]))
                {
                    position++;
                }
                else
                {
                    break;
                }
            }
            int start = position;
            while (position < bytes.Length && !IsWhitespace(bytes[position]) && position - start < 16)
                position++;
            if (position == start)
                throw new FormatException("PPM header ends early");
            return System.Text.Encoding.ASCII.GetString(bytes.Slice(start, position - start));
        }

        private static bool IsWhitespace(byte value) => value is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0B or 0x0C;
    }
}
