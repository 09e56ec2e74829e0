// The screen expectation accepts a console that drew the log and rejects a blank, shifted or dirty screen
// (synthetic images, so the check itself is tested without QEMU).
using System.Linq;
using System.Text;
using Xunit;

namespace MinimalOS.Tests.Boot.Screen
{
    public sealed class ConsoleScreenTests
    {
        private const int Width = 640;
        private const int Height = 480;
        private static readonly string[] TwoLines = { "[    0.001] INFO  boot: first", "[    0.002] INFO  boot: MinimalOS ready" };

        // Every other pixel lit in the first 30 cells of the given text rows, plus optional stray pixels.
        private static PpmImage Screen(int[] textRows, params (int X, int Y)[] stray)
        {
            var pixels = new byte[Width * Height * 3];
            void Light(int x, int y) => pixels[(y * Width + x) * 3] = pixels[(y * Width + x) * 3 + 1] = pixels[(y * Width + x) * 3 + 2] = 0xC0;
            foreach (int row in textRows)
            {
                for (int y = row * 16 + 2; y < row * 16 + 14; y++)
                {
                    for (int x = 0; x < 30 * 8; x += 2)
                        Light(x, y);
                }
            }
            foreach (var (x, y) in stray)
                Light(x, y);
            return PpmImage.Parse(Encoding.ASCII.GetBytes($"P6\n{Width} {Height}\n255\n").Concat(pixels).ToArray());
        }

        [Fact]
        public void AcceptsTheLogAtTheTopLeft() => Assert.Empty(ConsoleScreen.Problems(Screen(new[] { 0, 1 }), TwoLines));

        [Fact]
        public void RejectsABlankScreen()
        {
            var problems = ConsoleScreen.Problems(Screen(new int[0]), TwoLines);
            Assert.Contains(problems, problem => problem.Contains("first text row"));
        }

        [Fact]
        public void RejectsTextThatDoesNotStartAtTheTop() =>
            Assert.Contains(ConsoleScreen.Problems(Screen(new[] { 2, 3 }), TwoLines), problem => problem.Contains("first text row"));

        [Fact]
        public void RejectsPixelsBelowTheLog()
        {
            var problems = ConsoleScreen.Problems(Screen(new[] { 0, 1 }, (600, 400)), TwoLines);
            Assert.Contains(problems, problem => problem.Contains("1 non-black pixels below the log"));
        }

        [Fact]
        public void AllowsWrappedLinesBelowTheirFirstRow()
        {
            string[] lines = { new string('x', 100), "MinimalOS ready" };
            Assert.Empty(ConsoleScreen.Problems(Screen(new[] { 0, 1, 2 }), lines));
        }
    }
}
