// Host tests of the kernel options read from the command line: defaults, every option, unknown options,
// bad values, and user.* options left to the root task.
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Logging;
using Xunit;

namespace MinimalOS.Tests.Host.Boot
{
    public class KernelOptionsTests
    {
        private static KernelOptions Options(string text) => KernelOptions.From(KernelCommandLine.Parse(BootTestText.From(text)));

        [Fact]
        public void DefaultsWithoutOptions()
        {
            KernelOptions options = Options("");

            Assert.False(options.ExitOnReady);
            Assert.Equal(KernelOptions.DefaultLogLevel, options.LogLevel);
            Assert.False(options.SerialColour);
            Assert.False(options.Monitor);
            Assert.Equal(0, options.ProblemCount);
        }

        [Fact]
        public void ReadsTheMonitorFlag()
        {
            Assert.True(Options("monitor").Monitor);
            KernelOptions withValue = Options("monitor=yes");
            Assert.False(withValue.Monitor);
            Assert.Equal(1, withValue.ProblemCount);
            Assert.Equal(KernelOptionProblemKind.ValueNotExpected, withValue.Problem(0).Kind);
        }

        [Fact]
        public void ReadsTheWaitForRootTaskFlag()
        {
            Assert.False(Options("").WaitForRootTask);
            Assert.True(Options("wait-roottask exit-on-ready").WaitForRootTask);
            KernelOptions withValue = Options("wait-roottask=1");
            Assert.False(withValue.WaitForRootTask);
            Assert.Equal(KernelOptionProblemKind.ValueNotExpected, withValue.Problem(0).Kind);
        }

        [Fact]
        public void LeavesUserOptionsToTheRootTaskWithoutProblems()
        {
            KernelOptions options = Options("user.fuzz.seed=42 user.quiet monitor");
            Assert.Equal(0, options.ProblemCount);
            Assert.True(options.Monitor);
        }

        [Theory]
        [InlineData("trace", LogLevel.Trace)]
        [InlineData("debug", LogLevel.Debug)]
        [InlineData("info", LogLevel.Info)]
        [InlineData("warn", LogLevel.Warn)]
        [InlineData("error", LogLevel.Error)]
        public void ReadsTheLogLevel(string value, LogLevel expected)
        {
            Assert.Equal(expected, Options("loglevel=" + value).LogLevel);
        }

        [Fact]
        public void ReadsEverySupportedOption()
        {
            KernelOptions options = Options("exit-on-ready loglevel=warn serial.colour=on");

            Assert.True(options.ExitOnReady);
            Assert.Equal(LogLevel.Warn, options.LogLevel);
            Assert.True(options.SerialColour);
            Assert.Equal(0, options.ProblemCount);
            Assert.False(Options("serial.colour=on serial.colour=off").SerialColour);
        }

        [Theory]
        [InlineData("", AfterReadyAction.Halt)]
        [InlineData("after-ready=halt", AfterReadyAction.Halt)]
        [InlineData("after-ready=poweroff", AfterReadyAction.PowerOff)]
        [InlineData("after-ready=reboot", AfterReadyAction.Reboot)]
        [InlineData("after-ready=panic", AfterReadyAction.Panic)]
        [InlineData("after-ready=reboot after-ready=poweroff", AfterReadyAction.PowerOff)]
        public void ReadsTheAfterReadyAction(string text, AfterReadyAction expected)
        {
            KernelOptions options = Options(text);
            Assert.Equal(expected, options.AfterReady);
            Assert.Equal(0, options.ProblemCount);
        }

        [Theory]
        [InlineData("after-ready", KernelOptionProblemKind.ValueMissing)]
        [InlineData("after-ready=off", KernelOptionProblemKind.ValueInvalid)]
        public void ReportsBadAfterReadyValues(string text, KernelOptionProblemKind kind)
        {
            KernelOptions options = Options(text);
            Assert.Equal(AfterReadyAction.Halt, options.AfterReady);
            Assert.Equal(1, options.ProblemCount);
            Assert.Equal(kind, options.Problem(0).Kind);
            Assert.Equal("halt|poweroff|reboot", KernelOptions.AcceptedValues("after-ready"));
        }

        [Fact]
        public void ReportsUnknownOptions()
        {
            KernelOptions options = Options("quiet exit-on-ready");

            Assert.True(options.ExitOnReady);
            Assert.Equal(1, options.ProblemCount);
            Assert.Equal(KernelOptionProblemKind.Unknown, options.Problem(0).Kind);
            Assert.Equal(0, options.Problem(0).OptionIndex);
        }

        [Fact]
        public void ReportsBadValuesAndKeepsTheDefaults()
        {
            KernelOptions options = Options("exit-on-ready=yes loglevel loglevel=loud serial.colour=maybe");

            Assert.False(options.ExitOnReady);
            Assert.Equal(KernelOptions.DefaultLogLevel, options.LogLevel);
            Assert.False(options.SerialColour);
            Assert.Equal(4, options.ProblemCount);
            Assert.Equal(KernelOptionProblemKind.ValueNotExpected, options.Problem(0).Kind);
            Assert.Equal(KernelOptionProblemKind.ValueMissing, options.Problem(1).Kind);
            Assert.Equal(KernelOptionProblemKind.ValueInvalid, options.Problem(2).Kind);
            Assert.Equal(KernelOptionProblemKind.ValueInvalid, options.Problem(3).Kind);
        }
    }
}
