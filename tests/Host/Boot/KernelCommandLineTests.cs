// Host tests of command-line splitting: flags, key=value, quotes, capacity, and QEMU's leading image name.
using System;
using MinimalOS.Kernel.Boot;
using Xunit;

namespace MinimalOS.Tests.Host.Boot
{
    public class KernelCommandLineTests
    {
        private static KernelCommandLine Parse(string text, bool startsWithImageName = false) =>
            KernelCommandLine.Parse(BootTestText.From(text), startsWithImageName);

        [Fact]
        public void SplitsFlagsAndKeyValuePairs()
        {
            KernelCommandLine commandLine = Parse("  exit-on-ready   loglevel=info serial.colour=on ");

            Assert.Equal(3, commandLine.Count);
            Assert.Equal("exit-on-ready", new string(commandLine.Key(0)));
            Assert.False(commandLine.HasValue(0));
            Assert.Equal("loglevel", new string(commandLine.Key(1)));
            Assert.Equal("info", new string(commandLine.Value(1)));
            Assert.True(commandLine.Contains("serial.colour"));
            Assert.True(commandLine.TryGetValue("serial.colour", out ReadOnlySpan<char> colour));
            Assert.Equal("on", new string(colour));
            Assert.False(commandLine.TryGetValue("exit-on-ready", out _));
            Assert.False(commandLine.Contains("missing"));
        }

        [Fact]
        public void KeepsSpacesInsideQuotes()
        {
            KernelCommandLine commandLine = Parse("title=\"Minimal OS\" \"label=a b\" after");

            Assert.Equal(3, commandLine.Count);
            Assert.True(commandLine.TryGetValue("title", out ReadOnlySpan<char> title));
            Assert.Equal("Minimal OS", new string(title));
            Assert.Equal("label", new string(commandLine.Key(1)));
            Assert.Equal("a b", new string(commandLine.Value(1)));
            Assert.Equal("after", new string(commandLine.Key(2)));
            Assert.False(commandLine.UnterminatedQuote);
        }

        [Fact]
        public void TakesAnUnclosedQuoteToTheEnd()
        {
            KernelCommandLine commandLine = Parse("a name=\"open quote b c");

            Assert.True(commandLine.UnterminatedQuote);
            Assert.Equal(2, commandLine.Count);
            Assert.Equal("open quote b c", new string(commandLine.Value(1)));
        }

        [Fact]
        public void DistinguishesAnEmptyValueFromAFlag()
        {
            KernelCommandLine commandLine = Parse("key= flag");

            Assert.True(commandLine.TryGetValue("key", out ReadOnlySpan<char> value));
            Assert.Equal(0, value.Length);
            Assert.False(commandLine.HasValue(1));
        }

        [Fact]
        public void SplitsAtTheFirstEqualsSign()
        {
            KernelCommandLine commandLine = Parse("root=LABEL=boot");

            Assert.True(commandLine.TryGetValue("root", out ReadOnlySpan<char> value));
            Assert.Equal("LABEL=boot", new string(value));
        }

        [Fact]
        public void TheLastOccurrenceWins()
        {
            KernelCommandLine commandLine = Parse("loglevel=debug loglevel=warn");

            Assert.True(commandLine.TryGetValue("loglevel", out ReadOnlySpan<char> value));
            Assert.Equal("warn", new string(value));
        }

        [Fact]
        public void IgnoresWordsBeyondTheCapacity()
        {
            string text = string.Join(" ", System.Linq.Enumerable.Range(0, KernelCommandLine.MaxOptions + 5));

            KernelCommandLine commandLine = Parse(text);

            Assert.Equal(KernelCommandLine.MaxOptions, commandLine.Count);
            Assert.True(commandLine.TooManyOptions);
        }

        [Fact]
        public void SkipsTheImageNameWhenTheLoaderPutsItFirst()
        {
            KernelCommandLine commandLine = Parse("\"/boot/my kernel.elf\" exit-on-ready", startsWithImageName: true);

            Assert.Equal(1, commandLine.Count);
            Assert.Equal("exit-on-ready", new string(commandLine.Key(0)));
            Assert.Equal(0, Parse("build/kernel.elf", startsWithImageName: true).Count);
        }

        [Fact]
        public void AnEmptyCommandLineHasNoOptions()
        {
            Assert.Equal(0, Parse("").Count);
            Assert.Equal(0, KernelCommandLine.Parse(default).Count);
            Assert.Equal(0, Parse("     ").Count);
        }
    }
}
