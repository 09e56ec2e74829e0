// A framebuffer in host memory for console tests: pinned (the console keeps a raw pointer), with guard
// bytes after the described area and optional row padding, and helpers to read pixels and cells back.
using System;
using System.Runtime.InteropServices;
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Console;
using Xunit;

namespace MinimalOS.Tests.Host.Console
{
    internal sealed unsafe class TestFramebuffer
    {
        public const byte Guard = 0xA5;
        public const int GuardBytes = 64;

        public TestFramebuffer(uint width, uint height, byte bitsPerPixel = 32, uint padding = 0,
            byte redPosition = 16, byte greenPosition = 8, byte bluePosition = 0)
        {
            uint bytesPerPixel = (uint)(bitsPerPixel + 7) / 8;
            Info = new FramebufferInfo(0xFD000000, width, height, width * bytesPerPixel + padding, bitsPerPixel,
                redPosition, 8, greenPosition, 8, bluePosition, 8);
            Memory = GC.AllocateArray<byte>((int)Info.SizeInBytes + GuardBytes, pinned: true);
            Memory.AsSpan().Fill(Guard);
        }

        public FramebufferInfo Info { get; }

        /// <summary>The framebuffer followed by <see cref="GuardBytes"/> bytes that no drawing may touch.</summary>
        public byte[] Memory { get; }

        public byte* Pointer => (byte*)Marshal.UnsafeAddrOfPinnedArrayElement(Memory, 0);

        public int BytesPerPixel => (Info.BitsPerPixel + 7) / 8;

        public FramebufferConsole CreateConsole()
        {
            Assert.True(FramebufferConsole.TryCreate(Info, Pointer, out FramebufferConsole console, out string whyNot), whyNot);
            return console;
        }

        public uint Pixel(int x, int y)
        {
            int offset = y * (int)Info.Pitch + x * BytesPerPixel;
            uint value = 0;
            for (int i = 0; i < BytesPerPixel; i++)
                value |= (uint)Memory[offset + i] << (8 * i);
            return value;
        }

        public uint Encode(RgbColour colour) =>
            ((uint)colour.Red << Info.RedPosition) | ((uint)colour.Green << Info.GreenPosition) | ((uint)colour.Blue << Info.BluePosition);

        /// <summary>True when the 8x16 cell at (column, row) shows exactly the glyph in these pixel values.</summary>
        public bool CellShows(int column, int row, ReadOnlySpan<byte> glyph, uint foreground, uint background)
        {
            for (int y = 0; y < 16; y++)
            {
                for (int x = 0; x < 8; x++)
                {
                    uint expected = (glyph[y] & (0x80 >> x)) != 0 ? foreground : background;
                    if (Pixel(column * 8 + x, row * 16 + y) != expected)
                        return false;
                }
            }
            return true;
        }

        public bool CellShows(int column, int row, char c, uint foreground, uint background) =>
            CellShows(column, row, ConsoleFont.Glyph(ConsoleFont.GlyphIndex(c)), foreground, background);

        /// <summary>True when every pixel of the cell has the given value.</summary>
        public bool CellIsBlank(int column, int row, uint background) =>
            CellShows(column, row, new byte[16], 0xDEADBEEF, background);

        public bool GuardIntact()
        {
            for (int i = (int)Info.SizeInBytes; i < Memory.Length; i++)
            {
                if (Memory[i] != Guard)
                    return false;
            }
            return true;
        }
    }
}
