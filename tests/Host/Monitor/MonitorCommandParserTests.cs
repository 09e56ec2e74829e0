// Host tests of the kernel monitor's command parsing: every command, spacing, arguments, bad input.
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.Monitor;
using Xunit;

namespace MinimalOS.Tests.Host.Monitor
{
    public class MonitorCommandParserTests
    {
        [Theory]
        [InlineData("", MonitorCommandKind.Empty)]
        [InlineData("   ", MonitorCommandKind.Empty)]
        [InlineData("help", MonitorCommandKind.Help)]
        [InlineData("?", MonitorCommandKind.Help)]
        [InlineData("mem", MonitorCommandKind.Memory)]
        [InlineData("  time  ", MonitorCommandKind.Time)]
        [InlineData("cpu", MonitorCommandKind.Cpu)]
        [InlineData("reboot", MonitorCommandKind.Reboot)]
        [InlineData("poweroff", MonitorCommandKind.PowerOff)]
        [InlineData("frobnicate", MonitorCommandKind.Unknown)]
        [InlineData("HELP", MonitorCommandKind.Unknown)]
        [InlineData("helpx", MonitorCommandKind.Unknown)]
        public void RecognisesCommands(string line, MonitorCommandKind kind)
        {
            MonitorCommand command = MonitorCommandParser.Parse(line);
            Assert.Equal(kind, command.Kind);
            Assert.Equal(MonitorCommandProblem.None, command.Problem);
        }

        [Theory]
        [InlineData("log trace", LogLevel.Trace)]
        [InlineData("log  warn ", LogLevel.Warn)]
        [InlineData("log error", LogLevel.Error)]
        public void ReadsTheLogLevel(string line, LogLevel level)
        {
            MonitorCommand command = MonitorCommandParser.Parse(line);
            Assert.Equal(MonitorCommandKind.LogLevel, command.Kind);
            Assert.Equal(MonitorCommandProblem.None, command.Problem);
            Assert.Equal(level, command.Level);
        }

        [Theory]
        [InlineData("log", MonitorCommandProblem.ArgumentMissing)]
        [InlineData("log loud", MonitorCommandProblem.ArgumentInvalid)]
        [InlineData("log info extra", MonitorCommandProblem.ArgumentInvalid)]
        public void ReportsBadLogArguments(string line, MonitorCommandProblem problem)
        {
            MonitorCommand command = MonitorCommandParser.Parse(line);
            Assert.Equal(MonitorCommandKind.LogLevel, command.Kind);
            Assert.Equal(problem, command.Problem);
        }

        [Fact]
        public void CommandsWithoutArgumentsRefuseOne()
        {
            Assert.Equal(MonitorCommandProblem.ArgumentNotExpected, MonitorCommandParser.Parse("poweroff now").Problem);
            Assert.Equal(MonitorCommandProblem.ArgumentNotExpected, MonitorCommandParser.Parse("mem all").Problem);
        }

        [Fact]
        public void TheCommandWordNamesAnUnknownCommand()
        {
            Assert.Equal("frob", MonitorCommandParser.CommandWord("  frob nicate").ToString());
            Assert.Equal("", MonitorCommandParser.CommandWord("").ToString());
        }

        [Fact]
        public void HelpListsEveryCommand()
        {
            foreach (string word in new[] { "help", "mem", "time", "cpu", "log <level>", "reboot", "poweroff" })
                Assert.Contains(word, MonitorCommandParser.HelpText);
        }
    }
}
