// A text console on a linear framebuffer, and a log sink: a grid of 8x16 character cells with a cursor,
// line wrapping, scrolling, "\n", "\r", "\t" and "\b", UTF-8 input, colours per log level. It is called from
// panics, so after TryCreate it never allocates, never logs and never writes outside the framebuffer.
// It keeps no state but the cursor, so a write that interrupts another (an interrupt, a panic while
// drawing) at worst mixes two lines on screen.
using System;
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.Text;

namespace MinimalOS.Kernel.Console
{
    public sealed unsafe class FramebufferConsole : ILogSink
    {
        public const int TabWidth = 8;

        private readonly byte* _pixels;
        private readonly SurfaceGeometry _geometry;
        private readonly uint _screenBackground;
        private int _column;
        private int _row;

        private FramebufferConsole(byte* pixels, SurfaceGeometry geometry)
        {
            _pixels = pixels;
            _geometry = geometry;
            Columns = geometry.Width / ConsoleFont.GlyphWidth;
            Rows = geometry.Height / ConsoleFont.GlyphHeight;
            _screenBackground = geometry.Format.Encode(ConsolePalette.ScreenBackground);
        }

        public int Columns { get; }
        public int Rows { get; }

        /// <summary>The column the next character goes to; equals Columns after the last cell of a row
        /// was written (the wrap happens only when another character follows).</summary>
        public int CursorColumn => _column;
        public int CursorRow => _row;

        /// <summary>
        /// Makes a console on a framebuffer the caller has already mapped at <paramref name="mappedPixels"/>
        /// (a virtual address valid for info.SizeInBytes bytes) and clears the screen. Fails, saying why,
        /// when the framebuffer is unmapped, too small for one cell, or its geometry or pixel format is unusable.
        /// </summary>
        public static bool TryCreate(in FramebufferInfo info, byte* mappedPixels, out FramebufferConsole console, out string whyNot)
        {
            console = null;
            if (mappedPixels == null)
            {
                whyNot = "framebuffer is not mapped";
                return false;
            }
            if (!PixelFormat.TryCreate(info.BitsPerPixel, info.RedPosition, info.RedSize, info.GreenPosition, info.GreenSize,
                    info.BluePosition, info.BlueSize, out PixelFormat format, out whyNot))
                return false;
            if (!SurfaceGeometry.TryCreate(info.Width, info.Height, info.Pitch, format, info.SizeInBytes, out SurfaceGeometry geometry, out whyNot))
                return false;
            if (geometry.Width < ConsoleFont.GlyphWidth || geometry.Height < ConsoleFont.GlyphHeight)
            {
                whyNot = "framebuffer is smaller than one 8x16 character cell";
                return false;
            }
            console = new FramebufferConsole(mappedPixels, geometry);
            console.Clear();
            return true;
        }

        /// <summary>Paints the whole framebuffer in the screen background and puts the cursor top left.</summary>
        public void Clear()
        {
            Surface().FillRectangle(0, 0, _geometry.Width, _geometry.Height, _screenBackground);
            _column = 0;
            _row = 0;
        }

        /// <summary>Writes one log line in its level's colours and ends the line.</summary>
        public void WriteLine(LogLevel level, ReadOnlySpan<byte> line)
        {
            Write(line, ConsolePalette.Foreground(level), ConsolePalette.Background(level));
            NewLine(Surface());
        }

        /// <summary>Writes UTF-8 text at the cursor; invalid sequences show as the replacement glyph.</summary>
        public void Write(ReadOnlySpan<byte> utf8, RgbColour foreground, RgbColour background)
        {
            PixelSurface surface = Surface();
            uint foregroundPixel = _geometry.Format.Encode(foreground);
            uint backgroundPixel = _geometry.Format.Encode(background);
            int offset = 0;
            while (offset < utf8.Length)
            {
                offset += Utf8Decoder.Decode(utf8.Slice(offset), out int codePoint);
                Put(surface, codePoint, foregroundPixel, backgroundPixel);
            }
        }

        private void Put(PixelSurface surface, int codePoint, uint foreground, uint background)
        {
            switch (codePoint)
            {
                case '\n':
                    NewLine(surface);
                    return;
                case '\r':
                    _column = 0;
                    return;
                case '\t':
                    Tab(surface, background);
                    return;
                case '\b':
                    // Back one cell within the row (line editors erase with "\b \b").
                    if (_column > 0)
                        _column--;
                    return;
            }
            // Other control characters would be invisible or misleading: show that something was there.
            bool control = codePoint < 0x20 || (codePoint >= 0x7F && codePoint < 0xA0);
            int glyph = control ? ConsoleFont.ReplacementGlyph : ConsoleFont.GlyphIndex(codePoint);
            if (_column >= Columns)
                NewLine(surface);
            GlyphRenderer.Draw(surface, _column * ConsoleFont.GlyphWidth, _row * ConsoleFont.GlyphHeight,
                ConsoleFont.Glyph(glyph), foreground, background);
            _column++;
        }

        // Paints the skipped cells in the current background (visible on coloured lines) up to the next
        // tab stop; a stop beyond the last column leaves the cursor at the end of the row, pending a wrap.
        private void Tab(PixelSurface surface, uint background)
        {
            if (_column >= Columns)
                NewLine(surface);
            int stop = (_column / TabWidth + 1) * TabWidth;
            if (stop > Columns)
                stop = Columns;
            surface.FillRectangle(_column * ConsoleFont.GlyphWidth, _row * ConsoleFont.GlyphHeight,
                (stop - _column) * ConsoleFont.GlyphWidth, ConsoleFont.GlyphHeight, background);
            _column = stop;
        }

        private void NewLine(PixelSurface surface)
        {
            _column = 0;
            if (_row + 1 < Rows)
            {
                _row++;
                return;
            }
            // Scroll: every text row moves up one, the last one is cleared.
            int rowHeight = ConsoleFont.GlyphHeight;
            surface.MoveRows(rowHeight, 0, (Rows - 1) * rowHeight);
            surface.FillRectangle(0, (Rows - 1) * rowHeight, _geometry.Width, rowHeight, _screenBackground);
        }

        private PixelSurface Surface() => new PixelSurface(new Span<byte>(_pixels, _geometry.RequiredBytes), _geometry);
    }
}
