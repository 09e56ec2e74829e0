// What the framebuffer console must show once the boot log has been written: light text on a black screen
// from the top-left corner, 8x16 cells, one log line per text row, and black below the last line.
// The serial log bounds the rows in use from above: lines logged before the console existed, and the
// firmware's own serial output under OVMF, are not on the screen.
using System;
using System.Collections.Generic;
using System.Linq;

namespace MinimalOS.Tests.Boot.Screen
{
    public static class ConsoleScreen
    {
        public const int CellWidth = 8;
        public const int CellHeight = 16;
        public const int CheckedTextRows = 4;
        public const int CheckedTextColumns = 32;

        /// <summary>A glyph lights roughly 15-40 of its 128 pixels; a log line's first 32 cells light hundreds.</summary>
        public const int MinimumLitPixelsPerLine = 40;

        /// <summary>Every way the screen differs from the expectation; empty when it matches.</summary>
        public static IReadOnlyList<string> Problems(PpmImage screen, IReadOnlyList<string> serialLines)
        {
            var problems = new List<string>();
            int columns = screen.Width / CellWidth;
            if (columns < CheckedTextColumns || screen.Height < CheckedTextRows * CellHeight)
            {
                problems.Add($"screen {screen.Width}x{screen.Height} is too small for a text console");
                return problems;
            }

            int firstRowLit = LitPixels(screen, 0, 1);
            if (firstRowLit < MinimumLitPixelsPerLine)
                problems.Add($"the first text row (y 0..{CellHeight - 1}, x 0..{CheckedTextColumns * CellWidth - 1}) has {firstRowLit} non-black pixels, " +
                             $"expected at least {MinimumLitPixelsPerLine}: the log does not start at the top-left of the screen");

            int expectedTopLit = MinimumLitPixelsPerLine * Math.Min(CheckedTextRows, serialLines.Count);
            int topLit = LitPixels(screen, 0, CheckedTextRows);
            if (topLit < expectedTopLit)
                problems.Add($"the top {CheckedTextRows} text rows have {topLit} non-black pixels in their first {CheckedTextColumns} columns, expected at least {expectedTopLit}");

            // Long lines wrap onto further rows.
            int rowsUsed = serialLines.Sum(line => Math.Max(1, (line.Length + columns - 1) / columns));
            int blankTop = (rowsUsed + 1) * CellHeight;
            if (blankTop < screen.Height)
            {
                int notBlack = screen.Count(0, blankTop, screen.Width, screen.Height - blankTop, pixel => !pixel.IsBlack);
                if (notBlack != 0)
                    problems.Add($"{notBlack} non-black pixels below the log (y >= {blankTop}; the log fills {rowsUsed} text rows at most): the background must be black");
            }
            return problems;
        }

        private static int LitPixels(PpmImage screen, int firstRow, int rows) =>
            screen.Count(0, firstRow * CellHeight, CheckedTextColumns * CellWidth, rows * CellHeight, pixel => !pixel.IsBlack);
    }
}
