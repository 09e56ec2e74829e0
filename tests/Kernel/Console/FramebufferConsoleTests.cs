// Kernel tests of the framebuffer console as ilc compiles it: the generated glyph table must be present
// as constant data in the kernel image, and drawing, wrapping and scrolling must work in ring 0.
using System;
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Console;
using MinimalOS.Kernel.Logging;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class FramebufferConsoleTests
    {
        private const int Width = 32;    // 4 columns
        private const int Height = 32;   // 2 rows
        private const int BytesPerPixel = 4;
        private const uint InfoWhite = 0x00FFFFFF;
        private const uint ErrorRed = 0x00FF5555;

        public static void Register(KernelTestList tests)
        {
            tests.Add("Console.FontTableIsInTheImage", &FontTableIsInTheImage);
            tests.Add("Console.DrawsLogLinesInTheirColours", &DrawsLogLinesInTheirColours);
            tests.Add("Console.WrapsAndScrolls", &WrapsAndScrolls);
            tests.Add("Console.RefusesABadGeometry", &RefusesABadGeometry);
        }

        private static void FontTableIsInTheImage()
        {
            int a = ConsoleFont.GlyphIndex('A');
            Expect.True(a != ConsoleFont.ReplacementGlyph, "'A' has its own glyph");
            Expect.Equal(ConsoleFont.GlyphHeight, ConsoleFont.Glyph(a).Length, "glyph height");
            Expect.True(RowsSet(ConsoleFont.Glyph(a)) > 0, "'A' has set pixels");
            Expect.Equal(0, RowsSet(ConsoleFont.Glyph(ConsoleFont.GlyphIndex(' '))), "space is empty");
            Expect.True(ConsoleFont.GlyphIndex(0xE9) != ConsoleFont.ReplacementGlyph, "Latin-1 e-acute is mapped");
            Expect.Equal(ConsoleFont.ReplacementGlyph, ConsoleFont.GlyphIndex(0x4E2D), "a CJK character is not");
        }

        private static void DrawsLogLinesInTheirColours()
        {
            byte[] memory = new byte[Width * Height * BytesPerPixel];
            fixed (byte* pixels = memory)
            {
                FramebufferConsole console = Create(pixels);
                console.WriteLine(LogLevel.Info, "A"u8);
                Expect.True(CellShows(memory, 0, 0, 'A', InfoWhite), "info 'A' in white on black");
                Expect.Equal(1, console.CursorRow, "cursor on the next row");
                // The second line ends on the last row, so the screen scrolls it up to row 0.
                console.WriteLine(LogLevel.Error, "A"u8);
                Expect.True(CellShows(memory, 0, 0, 'A', ErrorRed), "error 'A' in red on black");
                Expect.True(CellShows(memory, 0, 1, ' ', InfoWhite), "last row cleared");
                Expect.Equal(1, console.CursorRow, "cursor stays on the last row");
            }
        }

        private static void WrapsAndScrolls()
        {
            byte[] memory = new byte[Width * Height * BytesPerPixel];
            fixed (byte* pixels = memory)
            {
                FramebufferConsole console = Create(pixels);
                console.WriteLine(LogLevel.Info, "abcdefgh"u8);   // fills both rows, then scrolls
                Expect.True(CellShows(memory, 0, 0, 'e', InfoWhite), "second half moved up");
                Expect.True(CellShows(memory, 3, 0, 'h', InfoWhite), "last character moved up");
                Expect.True(CellShows(memory, 0, 1, ' ', InfoWhite), "last row cleared");
            }
        }

        private static void RefusesABadGeometry()
        {
            byte[] memory = new byte[64];
            fixed (byte* pixels = memory)
            {
                var shortPitch = new FramebufferInfo(0x1000, 8, 16, 8, 32, 16, 8, 8, 8, 0, 8);
                Expect.False(FramebufferConsole.TryCreate(shortPitch, pixels, out FramebufferConsole console, out string whyNot), "pitch below a row");
                Expect.Null(console, "no console");
                Expect.NotNull(whyNot, "a reason is given");
                var palette = new FramebufferInfo(0x1000, 8, 16, 8, 8, 16, 8, 8, 8, 0, 8);
                Expect.False(FramebufferConsole.TryCreate(palette, pixels, out _, out _), "8 bits per pixel");
                Expect.True(memory[0] == 0 && memory[63] == 0, "nothing drawn");
            }
        }

        private static FramebufferConsole Create(byte* pixels)
        {
            var info = new FramebufferInfo(0x1000, Width, Height, Width * BytesPerPixel, 32, 16, 8, 8, 8, 0, 8);
            if (!FramebufferConsole.TryCreate(info, pixels, out FramebufferConsole console, out string whyNot))
                Expect.Fail(whyNot);
            return console;
        }

        private static bool CellShows(byte[] memory, int column, int row, char c, uint foreground)
        {
            ReadOnlySpan<byte> glyph = ConsoleFont.Glyph(ConsoleFont.GlyphIndex(c));
            for (int y = 0; y < 16; y++)
            {
                for (int x = 0; x < 8; x++)
                {
                    int offset = ((row * 16 + y) * Width + column * 8 + x) * BytesPerPixel;
                    uint pixel = memory[offset] | ((uint)memory[offset + 1] << 8) | ((uint)memory[offset + 2] << 16) | ((uint)memory[offset + 3] << 24);
                    uint expected = (glyph[y] & (0x80 >> x)) != 0 ? foreground : 0;
                    if (pixel != expected)
                        return false;
                }
            }
            return true;
        }

        private static int RowsSet(ReadOnlySpan<byte> glyph)
        {
            int set = 0;
            foreach (byte row in glyph)
            {
                if (row != 0)
                    set++;
            }
            return set;
        }
    }
}
