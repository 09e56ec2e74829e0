// Parses PSF1 and PSF2 bitmap fonts (the Linux console formats) from untrusted bytes. Every header field
// is checked against the file length before use; anything inconsistent is a FontFormatException naming
// the problem, never an out-of-range read or a silently half-read font.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;

namespace MinimalOS.Tools.FontConverter
{
    public static class PsfParser
    {
        public const int MaxGlyphs = 65536;

        private const byte Psf1Magic0 = 0x36;
        private const byte Psf1Magic1 = 0x04;
        private const byte Psf1Mode512 = 0x01;
        private const byte Psf1ModeHasTable = 0x02;
        private const byte Psf1ModeHasSequences = 0x04;
        private const int Psf1HeaderSize = 4;
        private const ushort Psf1SequenceStart = 0xFFFE;
        private const ushort Psf1EntryEnd = 0xFFFF;

        private const uint Psf2Magic = 0x864AB572;
        private const uint Psf2FlagHasTable = 0x01;
        private const int Psf2MinHeaderSize = 32;
        private const byte Psf2SequenceStart = 0xFE;
        private const byte Psf2EntryEnd = 0xFF;

        public static PsfFont Parse(ReadOnlySpan<byte> file)
        {
            if (file.Length >= 2 && file[0] == Psf1Magic0 && file[1] == Psf1Magic1)
                return ParsePsf1(file);
            if (file.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(file) == Psf2Magic)
                return ParsePsf2(file);
            throw new FontFormatException("not a PSF font (neither the PSF1 magic 36 04 nor the PSF2 magic 72 b5 4a 86)");
        }

        private static PsfFont ParsePsf1(ReadOnlySpan<byte> file)
        {
            if (file.Length < Psf1HeaderSize)
                throw new FontFormatException($"PSF1 header truncated: {file.Length} bytes, need {Psf1HeaderSize}");
            byte mode = file[2];
            int height = file[3];
            if ((mode & ~(Psf1Mode512 | Psf1ModeHasTable | Psf1ModeHasSequences)) != 0)
                throw new FontFormatException($"PSF1 mode 0x{mode:x2} has unknown flag bits");
            if (height == 0)
                throw new FontFormatException("PSF1 glyph height is 0");
            int glyphCount = (mode & Psf1Mode512) != 0 ? 512 : 256;
            int glyphBytes = glyphCount * height;
            if (file.Length - Psf1HeaderSize < glyphBytes)
                throw new FontFormatException(
                    $"PSF1 glyph data truncated: {glyphCount} glyphs of {height} bytes need {glyphBytes} bytes after the header, the file has {file.Length - Psf1HeaderSize}");
            byte[] bitmaps = file.Slice(Psf1HeaderSize, glyphBytes).ToArray();
            bool hasTable = (mode & (Psf1ModeHasTable | Psf1ModeHasSequences)) != 0;
            var map = hasTable
                ? ReadPsf1Table(file.Slice(Psf1HeaderSize + glyphBytes), glyphCount)
                : CodePageOrder(glyphCount);
            return new PsfFont(1, 8, height, glyphCount, bitmaps, hasTable, map);
        }

        // Per glyph: UCS-2 code points, then optional sequences each introduced by FFFE, ended by FFFF.
        private static Dictionary<int, int> ReadPsf1Table(ReadOnlySpan<byte> table, int glyphCount)
        {
            var map = new Dictionary<int, int>();
            int offset = 0;
            for (int glyph = 0; glyph < glyphCount; glyph++)
            {
                bool inSequence = false;
                while (true)
                {
                    if (offset + 2 > table.Length)
                        throw new FontFormatException($"PSF1 Unicode table truncated in the entry of glyph {glyph}");
                    ushort value = BinaryPrimitives.ReadUInt16LittleEndian(table.Slice(offset));
                    offset += 2;
                    if (value == Psf1EntryEnd)
                        break;
                    if (value == Psf1SequenceStart)
                    {
                        inSequence = true;
                        continue;
                    }
                    if (value >= 0xD800 && value <= 0xDFFF)
                        throw new FontFormatException($"PSF1 Unicode table maps glyph {glyph} to surrogate U+{value:X4}");
                    if (!inSequence)
                        map.TryAdd(value, glyph);
                }
            }
            return map;
        }

        private static PsfFont ParsePsf2(ReadOnlySpan<byte> file)
        {
            if (file.Length < Psf2MinHeaderSize)
                throw new FontFormatException($"PSF2 header truncated: {file.Length} bytes, need {Psf2MinHeaderSize}");
            uint version = ReadUInt32(file, 4);
            uint headerSize = ReadUInt32(file, 8);
            uint flags = ReadUInt32(file, 12);
            uint glyphCount = ReadUInt32(file, 16);
            uint bytesPerGlyph = ReadUInt32(file, 20);
            uint height = ReadUInt32(file, 24);
            uint width = ReadUInt32(file, 28);
            if (version != 0)
                throw new FontFormatException($"PSF2 version {version} is not supported (only 0)");
            if (headerSize < Psf2MinHeaderSize || headerSize > file.Length)
                throw new FontFormatException($"PSF2 header size {headerSize} is outside {Psf2MinHeaderSize}..{file.Length} (the file length)");
            if ((flags & ~Psf2FlagHasTable) != 0)
                throw new FontFormatException($"PSF2 flags 0x{flags:x} have unknown bits");
            if (glyphCount == 0 || glyphCount > MaxGlyphs)
                throw new FontFormatException($"PSF2 glyph count {glyphCount} is outside 1..{MaxGlyphs}");
            if (width == 0 || height == 0 || width > 256 || height > 256)
                throw new FontFormatException($"PSF2 glyph size {width}x{height} is outside 1x1..256x256");
            long expectedBytesPerGlyph = height * ((width + 7) / 8);
            if (bytesPerGlyph != expectedBytesPerGlyph)
                throw new FontFormatException(
                    $"PSF2 bytes per glyph {bytesPerGlyph} does not match {width}x{height} pixels ({expectedBytesPerGlyph} bytes)");
            long glyphBytes = (long)glyphCount * bytesPerGlyph;
            if (file.Length - headerSize < glyphBytes)
                throw new FontFormatException(
                    $"PSF2 glyph data truncated: {glyphCount} glyphs of {bytesPerGlyph} bytes need {glyphBytes} bytes after the header, the file has {file.Length - headerSize}");
            byte[] bitmaps = file.Slice((int)headerSize, (int)glyphBytes).ToArray();
            bool hasTable = (flags & Psf2FlagHasTable) != 0;
            var map = hasTable
                ? ReadPsf2Table(file.Slice((int)(headerSize + glyphBytes)), (int)glyphCount)
                : CodePageOrder((int)glyphCount);
            return new PsfFont(2, (int)width, (int)height, (int)glyphCount, bitmaps, hasTable, map);
        }

        // Per glyph: UTF-8 code points, then optional sequences each introduced by FE, ended by FF.
        private static Dictionary<int, int> ReadPsf2Table(ReadOnlySpan<byte> table, int glyphCount)
        {
            var map = new Dictionary<int, int>();
            int offset = 0;
            for (int glyph = 0; glyph < glyphCount; glyph++)
            {
                bool inSequence = false;
                while (true)
                {
                    if (offset >= table.Length)
                        throw new FontFormatException($"PSF2 Unicode table truncated in the entry of glyph {glyph}");
                    byte lead = table[offset];
                    if (lead == Psf2EntryEnd)
                    {
                        offset++;
                        break;
                    }
                    if (lead == Psf2SequenceStart)
                    {
                        offset++;
                        inSequence = true;
                        continue;
                    }
                    if (Rune.DecodeFromUtf8(table.Slice(offset), out Rune rune, out int consumed) != OperationStatus.Done)
                        throw new FontFormatException($"PSF2 Unicode table has invalid UTF-8 at table offset {offset} (glyph {glyph})");
                    offset += consumed;
                    if (!inSequence)
                        map.TryAdd(rune.Value, glyph);
                }
            }
            return map;
        }

        // Without a table the font is in its code page's order; only the first 256 positions are assumed.
        private static Dictionary<int, int> CodePageOrder(int glyphCount)
        {
            var map = new Dictionary<int, int>();
            for (int i = 0; i < Math.Min(glyphCount, 256); i++)
                map.Add(i, i);
            return map;
        }

        private static uint ReadUInt32(ReadOnlySpan<byte> file, int offset) =>
            BinaryPrimitives.ReadUInt32LittleEndian(file.Slice(offset, 4));
    }
}
