// Small PSF1 and PSF2 fonts built in memory for the converter tests: glyph i's rows are all the byte i,
// so a test can tell which glyph it got.
using System;
using System.Collections.Generic;
using System.Text;

namespace MinimalOS.Tests.Host.FontConverter
{
    internal static class PsfSamples
    {
        public const byte Psf1HasTable = 0x02;

        public static byte[] Psf1(byte mode = 0, int height = 16, Func<int, IEnumerable<ushort>> table = null)
        {
            int glyphs = (mode & 1) != 0 ? 512 : 256;
            var bytes = new List<byte> { 0x36, 0x04, mode, (byte)height };
            for (int g = 0; g < glyphs; g++)
            {
                for (int r = 0; r < height; r++)
                    bytes.Add((byte)g);
            }
            if (table is not null)
            {
                for (int g = 0; g < glyphs; g++)
                {
                    foreach (ushort value in table(g))
                    {
                        bytes.Add((byte)value);
                        bytes.Add((byte)(value >> 8));
                    }
                    bytes.Add(0xFF);
                    bytes.Add(0xFF);
                }
            }
            return bytes.ToArray();
        }

        /// <summary>ASCII at its own position, glyph 200 for U+FFFD, nothing else.</summary>
        public static IEnumerable<ushort> AsciiTable(int glyph)
        {
            if (glyph < 128)
                yield return (ushort)glyph;
            if (glyph == 200)
                yield return 0xFFFD;
        }

        public static byte[] Psf2(int glyphCount = 128, int width = 8, int height = 16, bool table = true,
            uint version = 0, uint headerSize = 32, int? bytesPerGlyph = null, Func<int, byte[]> entries = null)
        {
            int rowBytes = (width + 7) / 8;
            int charSize = bytesPerGlyph ?? height * rowBytes;
            var bytes = new List<byte>();
            void U32(uint v) => bytes.AddRange(BitConverter.GetBytes(v));
            U32(0x864AB572);
            U32(version);
            U32(headerSize);
            U32(table ? 1u : 0u);
            U32((uint)glyphCount);
            U32((uint)charSize);
            U32((uint)height);
            U32((uint)width);
            while (bytes.Count < headerSize)
                bytes.Add(0);
            for (int g = 0; g < glyphCount; g++)
            {
                for (int i = 0; i < charSize; i++)
                    bytes.Add((byte)g);
            }
            if (table)
            {
                for (int g = 0; g < glyphCount; g++)
                {
                    bytes.AddRange(entries is null ? Encoding.UTF8.GetBytes(((char)g).ToString()) : entries(g));
                    bytes.Add(0xFF);
                }
            }
            return bytes.ToArray();
        }
    }
}
