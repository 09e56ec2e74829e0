// Serial logs are read while being written and quoted readably in failure messages.
using System.IO;
using Xunit;

namespace MinimalOS.Tests.Boot.Qemu
{
    public sealed class SerialLogTests
    {
        private static SerialLog Write(string text)
        {
            string path = Path.GetTempFileName();
            File.WriteAllText(path, text);
            return new SerialLog(path);
        }

        [Fact]
        public void SplitsLinesAndKeepsAnUnfinishedLastLine()
        {
            var log = Write("one\r\ntwo\nthr");
            Assert.Equal(new[] { "one", "two", "thr" }, log.Lines());
            File.Delete(log.Path);
        }

        [Fact]
        public void AMissingFileIsAnEmptyLog()
        {
            var log = new SerialLog(Path.Combine(Path.GetTempPath(), "minimalos-no-such-serial.log"));
            Assert.Empty(log.Lines());
            Assert.EndsWith(": (empty)", log.Tail());
        }

        [Fact]
        public void TailDropsTerminalControlSequences()
        {
            var log = Write("\u001b[2J\u001b[01;01HBdsDxe: loading\n\u001b[0m\u001b[37m\u001b[40mWelcome\a\n");
            string tail = log.Tail();
            Assert.Contains("| BdsDxe: loading", tail);
            Assert.Contains("| Welcome", tail);
            Assert.False(tail.Contains('\u001b'), "an escape character is left");
            File.Delete(log.Path);
        }

        [Fact]
        public void LinesBeforeEndsAtTheLastMention()
        {
            var log = Write("a\nb X\nc\nd X\ne\n");
            string excerpt = log.LinesBefore("X", 2);
            Assert.Contains("| c", excerpt);
            Assert.Contains("| d X", excerpt);
            Assert.DoesNotContain("| e", excerpt);
            Assert.DoesNotContain("| b X", excerpt);
            File.Delete(log.Path);
        }
    }
}
