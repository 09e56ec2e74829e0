// Host tests of the framebuffer console over a pixel buffer: grid, writing, wrapping, scrolling, control
// characters, colours.
using System;
using System.Text;
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Console;
using MinimalOS.Kernel.Logging;
using Xunit;

namespace MinimalOS.Tests.Host.Console
{
    public unsafe class FramebufferConsoleTests
    {
        private static readonly RgbColour White = new RgbColour(0xFF, 0xFF, 0xFF);
        private static readonly RgbColour Black = new RgbColour(0, 0, 0);

        private static void Write(FramebufferConsole console, string text) =>
            console.Write(Encoding.UTF8.GetBytes(text), White, Black);

        [Fact]
        public void GridFollowsTheFramebufferAndTheScreenStartsBlack()
        {
            var fb = new TestFramebuffer(100, 70, 32, padding: 12);
            FramebufferConsole console = fb.CreateConsole();
            Assert.Equal(12, console.Columns);
            Assert.Equal(4, console.Rows);
            for (int y = 0; y < 70; y++)
            {
                for (int x = 0; x < 100; x++)
                    Assert.Equal(0u, fb.Pixel(x, y));
            }
            Assert.True(fb.GuardIntact());
        }

        [Fact]
        public void TryCreateExplainsWhatIsWrong()
        {
            var fb = new TestFramebuffer(64, 64);
            var info = fb.Info;
            AssertRefused(info, null);
            AssertRefused(WithGeometry(info, 64, 64, pitch: 255, bitsPerPixel: 32), fb.Pointer);
            AssertRefused(WithGeometry(info, 64, 64, pitch: 256, bitsPerPixel: 8), fb.Pointer);
            AssertRefused(WithGeometry(info, 7, 64, pitch: 256, bitsPerPixel: 32), fb.Pointer);
            AssertRefused(WithGeometry(info, 64, 15, pitch: 256, bitsPerPixel: 32), fb.Pointer);
            AssertRefused(WithGeometry(info, 64, 64, pitch: 256, bitsPerPixel: 32, redPosition: 30), fb.Pointer);
            Assert.All(fb.Memory, b => Assert.Equal(TestFramebuffer.Guard, b));
        }

        private static void AssertRefused(in FramebufferInfo info, byte* pixels)
        {
            Assert.False(FramebufferConsole.TryCreate(info, pixels, out FramebufferConsole console, out string whyNot));
            Assert.Null(console);
            Assert.False(string.IsNullOrEmpty(whyNot));
        }

        private static FramebufferInfo WithGeometry(FramebufferInfo info, uint width, uint height, uint pitch, byte bitsPerPixel, byte redPosition = 16) =>
            new FramebufferInfo(info.PhysicalAddress, width, height, pitch, bitsPerPixel, redPosition, 8, 8, 8, 0, 8);

        [Fact]
        public void WritesCharactersLeftToRight()
        {
            var fb = new TestFramebuffer(64, 32);
            FramebufferConsole console = fb.CreateConsole();
            Write(console, "Hi!");
            uint white = fb.Encode(White);
            Assert.True(fb.CellShows(0, 0, 'H', white, 0));
            Assert.True(fb.CellShows(1, 0, 'i', white, 0));
            Assert.True(fb.CellShows(2, 0, '!', white, 0));
            Assert.True(fb.CellIsBlank(3, 0, 0));
            Assert.Equal(3, console.CursorColumn);
            Assert.Equal(0, console.CursorRow);
        }

        [Fact]
        public void BackspaceMovesBackWithinTheRowSoALineEditorCanErase()
        {
            var fb = new TestFramebuffer(64, 32);
            FramebufferConsole console = fb.CreateConsole();
            Write(console, "ab\b \bc");
            uint white = fb.Encode(White);
            Assert.True(fb.CellShows(0, 0, 'a', white, 0));
            Assert.True(fb.CellShows(1, 0, 'c', white, 0));
            Assert.Equal(2, console.CursorColumn);
            Write(console, "\b\b\b\b");
            Assert.Equal(0, console.CursorColumn);
            Assert.Equal(0, console.CursorRow);
        }

        [Fact]
        public void WrapsOnlyWhenACharacterFollowsTheLastColumn()
        {
            var fb = new TestFramebuffer(32, 48);   // 4 columns, 3 rows
            FramebufferConsole console = fb.CreateConsole();
            uint white = fb.Encode(White);
            Write(console, "abcd");
            Assert.Equal(4, console.CursorColumn);
            Assert.Equal(0, console.CursorRow);
            Write(console, "\n");
            Assert.Equal(1, console.CursorRow);   // a full line then "\n" is one line, not two
            Write(console, "efghi");
            Assert.True(fb.CellShows(3, 1, 'h', white, 0));
            Assert.True(fb.CellShows(0, 2, 'i', white, 0));
            Assert.Equal(1, console.CursorColumn);
            Assert.Equal(2, console.CursorRow);
        }

        [Fact]
        public void ScrollingMovesEveryRowUpAndClearsTheLast()
        {
            var fb = new TestFramebuffer(32, 56, padding: 4);   // 4 columns, 3 rows, 8 spare pixel rows
            FramebufferConsole console = fb.CreateConsole();
            uint white = fb.Encode(White);
            Write(console, "1111\n2222\n3333");
            Write(console, "\n");
            Assert.Equal(2, console.CursorRow);
            Assert.Equal(0, console.CursorColumn);
            for (int column = 0; column < 4; column++)
            {
                Assert.True(fb.CellShows(column, 0, '2', white, 0));
                Assert.True(fb.CellShows(column, 1, '3', white, 0));
                Assert.True(fb.CellIsBlank(column, 2, 0));
            }
            Write(console, "4");
            Assert.True(fb.CellShows(0, 2, '4', white, 0));
            Assert.True(fb.GuardIntact());
        }

        [Fact]
        public void WrappingOnTheLastRowScrolls()
        {
            var fb = new TestFramebuffer(16, 32);   // 2 columns, 2 rows
            FramebufferConsole console = fb.CreateConsole();
            uint white = fb.Encode(White);
            Write(console, "abcde");
            Assert.True(fb.CellShows(0, 0, 'c', white, 0));
            Assert.True(fb.CellShows(1, 0, 'd', white, 0));
            Assert.True(fb.CellShows(0, 1, 'e', white, 0));
            Assert.True(fb.CellIsBlank(1, 1, 0));
            Assert.True(fb.GuardIntact());
        }

        [Fact]
        public void CarriageReturnGoesBackToColumnZeroOfTheSameRow()
        {
            var fb = new TestFramebuffer(64, 32);
            FramebufferConsole console = fb.CreateConsole();
            Write(console, "abc\rX");
            uint white = fb.Encode(White);
            Assert.True(fb.CellShows(0, 0, 'X', white, 0));
            Assert.True(fb.CellShows(1, 0, 'b', white, 0));
            Assert.Equal(0, console.CursorRow);
        }

        [Fact]
        public void TabsGoToTheNextMultipleOfEightInTheCurrentBackground()
        {
            var fb = new TestFramebuffer(160, 48);   // 20 columns
            FramebufferConsole console = fb.CreateConsole();
            var red = new RgbColour(0xAA, 0, 0);
            console.Write(Encoding.UTF8.GetBytes("ab\tc\t"), White, red);
            uint white = fb.Encode(White);
            uint redPixel = fb.Encode(red);
            Assert.True(fb.CellShows(8, 0, 'c', white, redPixel));
            for (int column = 2; column < 8; column++)
                Assert.True(fb.CellIsBlank(column, 0, redPixel));
            Assert.Equal(16, console.CursorColumn);
            console.Write(Encoding.UTF8.GetBytes("\t"), White, red);
            Assert.Equal(20, console.CursorColumn);    // the last stop is the end of the row
            Assert.Equal(0, console.CursorRow);
            Write(console, "d");
            Assert.True(fb.CellShows(0, 1, 'd', white, 0));
        }

        [Theory]
        [InlineData(LogLevel.Trace, 0x80, 0x80, 0x80)]
        [InlineData(LogLevel.Debug, 0xC0, 0xC0, 0xC0)]
        [InlineData(LogLevel.Info, 0xFF, 0xFF, 0xFF)]
        [InlineData(LogLevel.Warn, 0xFF, 0xFF, 0x55)]
        [InlineData(LogLevel.Error, 0xFF, 0x55, 0x55)]
        public void LogLinesUseTheirLevelsColourOnBlack(LogLevel level, byte red, byte green, byte blue)
        {
            var fb = new TestFramebuffer(64, 48);
            FramebufferConsole console = fb.CreateConsole();
            console.WriteLine(level, Encoding.UTF8.GetBytes("Ok"));
            uint foreground = fb.Encode(new RgbColour(red, green, blue));
            Assert.True(fb.CellShows(0, 0, 'O', foreground, 0));
            Assert.True(fb.CellShows(1, 0, 'k', foreground, 0));
            Assert.Equal(1, console.CursorRow);
            Assert.Equal(0, console.CursorColumn);
        }

        [Fact]
        public void FatalLinesAreWhiteOnRed()
        {
            var fb = new TestFramebuffer(64, 48);
            FramebufferConsole console = fb.CreateConsole();
            console.WriteLine(LogLevel.Fatal, Encoding.UTF8.GetBytes("X"));
            Assert.True(fb.CellShows(0, 0, 'X', fb.Encode(White), fb.Encode(new RgbColour(0xAA, 0, 0))));
            Assert.True(fb.CellIsBlank(1, 0, 0));
        }

        [Fact]
        public void DecodesUtf8ToTheFontsGlyphs()
        {
            var fb = new TestFramebuffer(64, 32);
            FramebufferConsole console = fb.CreateConsole();
            Write(console, "é€");
            uint white = fb.Encode(White);
            Assert.True(fb.CellShows(0, 0, ConsoleFont.Glyph(ConsoleFont.GlyphIndex(0xE9)), white, 0));
            Assert.True(fb.CellShows(1, 0, ConsoleFont.Glyph(ConsoleFont.GlyphIndex(0x20AC)), white, 0));
            Assert.NotEqual(ConsoleFont.ReplacementGlyph, ConsoleFont.GlyphIndex(0xE9));
            Assert.Equal(2, console.CursorColumn);
        }

        [Fact]
        public void InvalidUtf8UnknownCharactersAndControlsShowTheReplacementGlyph()
        {
            var fb = new TestFramebuffer(128, 32);
            FramebufferConsole console = fb.CreateConsole();
            // bad lead byte, truncated 3-byte sequence before 'A', a character the font lacks (U+4E2D), BEL, DEL
            byte[] text = { 0xFF, 0xE2, 0x82, (byte)'A', 0xE4, 0xB8, 0xAD, 0x07, 0x7F };
            console.Write(text, White, Black);
            uint white = fb.Encode(White);
            ReadOnlySpan<byte> replacement = ConsoleFont.Glyph(ConsoleFont.ReplacementGlyph);
            Assert.True(fb.CellShows(0, 0, replacement, white, 0));
            Assert.True(fb.CellShows(1, 0, replacement, white, 0));
            Assert.True(fb.CellShows(2, 0, 'A', white, 0));
            Assert.True(fb.CellShows(3, 0, replacement, white, 0));
            Assert.True(fb.CellShows(4, 0, replacement, white, 0));
            Assert.True(fb.CellShows(5, 0, replacement, white, 0));
            Assert.Equal(6, console.CursorColumn);
        }

        [Fact]
        public void WorksAt24BitsPerPixelWithRedFirst()
        {
            var fb = new TestFramebuffer(40, 32, 24, padding: 3, redPosition: 0, greenPosition: 8, bluePosition: 16);
            FramebufferConsole console = fb.CreateConsole();
            console.WriteLine(LogLevel.Error, Encoding.UTF8.GetBytes("E"));
            Assert.True(fb.CellShows(0, 0, 'E', 0x5555FFu, 0));   // red FF in the lowest byte
            Assert.True(fb.GuardIntact());
        }

        [Fact]
        public void ClearRepaintsAndHomesTheCursor()
        {
            var fb = new TestFramebuffer(32, 32);
            FramebufferConsole console = fb.CreateConsole();
            Write(console, "abcde");
            console.Clear();
            Assert.Equal(0, console.CursorColumn);
            Assert.Equal(0, console.CursorRow);
            Assert.True(fb.CellIsBlank(0, 0, 0));
            Assert.True(fb.CellIsBlank(0, 1, 0));
        }

        [Fact]
        public void ManyLinesNeverWriteOutsideTheFramebuffer()
        {
            var fb = new TestFramebuffer(37, 41, 24, padding: 1);   // sizes that are not multiples of a cell
            FramebufferConsole console = fb.CreateConsole();
            byte[] line = Encoding.UTF8.GetBytes("a long line\twith tabs\r and wrapping é ✓ \u0001");
            for (int i = 0; i < 20; i++)
                console.WriteLine((LogLevel)(i % 6), line);
            Assert.True(fb.GuardIntact());
            for (int y = 32; y < 41; y++)   // the spare pixel rows below the grid stay background
                Assert.Equal(0u, fb.Pixel(36, y));
        }
    }
}
