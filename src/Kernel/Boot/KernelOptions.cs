// The kernel's settings from its command line. Bad options never stop the boot: they are recorded as
// problems (logged as warnings) and the default stays in force.
using System;
using MinimalOS.Kernel.Logging;

namespace MinimalOS.Kernel.Boot
{
    /// <summary>
    /// Every kernel command-line option MinimalOS understands (words separated by spaces; values may be
    /// double-quoted; when an option is given twice the last one counts):
    /// <list type="bullet">
    /// <item><c>exit-on-ready</c> - after logging "MinimalOS ready", exit QEMU through the isa-debug-exit
    /// device (iobase 0xf4) with the success code, so QEMU returns status 1. On real hardware, or without the
    /// device, the port write does nothing and the kernel halts as usual. Takes no value.</item>
    /// <item><c>after-ready=halt|poweroff|reboot</c> - what to do after "MinimalOS ready" (default: halt).
    /// <c>poweroff</c> turns the machine off through ACPI S5 (the \_S5_ package of the DSDT), falling back to
    /// QEMU's isa-debug-exit and then halting; <c>reboot</c> resets it through the FADT reset register, then
    /// the keyboard controller, then a triple fault. Under QEMU both end QEMU with status 0 (a reboot only
    /// with -no-reboot). <c>exit-on-ready</c>, when also given, takes precedence.</item>
    /// <item><c>loglevel=trace|debug|info|warn|error</c> - the lowest severity written to the log
    /// (default: debug).</item>
    /// <item><c>serial.colour=on|off</c> - ANSI colours by severity on the serial log (default: off).</item>
    /// <item><c>monitor</c> - after "MinimalOS ready", run the kernel monitor (prompt <c>monitor&gt; </c> on
    /// COM1 and the framebuffer console, typed on COM1 or the PS/2 keyboard; <c>help</c> lists its
    /// commands) instead of exit-on-ready/after-ready; the root task is not started then, since the monitor
    /// has the console. Takes no value.</item>
    /// <item><c>wait-roottask</c> - after "MinimalOS ready", wait (up to ten minutes) until the root task has
    /// exited and log its exit code before going on; with <c>exit-on-ready</c> QEMU then exits with success
    /// only when that code was 0. For runs of a test suite as the root task. Takes no value.</item>
    /// </list>
    /// Options named <c>user.*</c> belong to the root task (it reads the command line from its boot-info
    /// page) and are passed over silently. Anything else is an unknown option: reported as a warning and ignored. A bad value is reported and
    /// leaves the option at its default.
    /// </summary>
    public sealed class KernelOptions
    {
        public const LogLevel DefaultLogLevel = LogLevel.Debug;

        private readonly KernelOptionProblem[] _problems = new KernelOptionProblem[KernelCommandLine.MaxOptions];
        private int _problemCount;

        private KernelOptions(KernelCommandLine commandLine) => CommandLine = commandLine;

        public KernelCommandLine CommandLine { get; }

        public bool ExitOnReady { get; private set; }
        public AfterReadyAction AfterReady { get; private set; }
        public LogLevel LogLevel { get; private set; } = DefaultLogLevel;
        public bool SerialColour { get; private set; }
        public bool Monitor { get; private set; }
        public bool WaitForRootTask { get; private set; }

        public int ProblemCount => _problemCount;

        public KernelOptionProblem Problem(int index) => _problems[index];

        public static KernelOptions From(KernelCommandLine commandLine)
        {
            var options = new KernelOptions(commandLine);
            for (int i = 0; i < commandLine.Count; i++)
                options.Apply(i);
            return options;
        }

        private void Apply(int index)
        {
            ReadOnlySpan<char> key = CommandLine.Key(index);
            ReadOnlySpan<char> value = CommandLine.Value(index);
            bool hasValue = CommandLine.HasValue(index);
            if (key.StartsWith("user."))
                return;
            if (key.SequenceEqual("exit-on-ready"))
            {
                if (hasValue)
                    Report(KernelOptionProblemKind.ValueNotExpected, index);
                else
                    ExitOnReady = true;
            }
            else if (key.SequenceEqual("monitor"))
            {
                if (hasValue)
                    Report(KernelOptionProblemKind.ValueNotExpected, index);
                else
                    Monitor = true;
            }
            else if (key.SequenceEqual("wait-roottask"))
            {
                if (hasValue)
                    Report(KernelOptionProblemKind.ValueNotExpected, index);
                else
                    WaitForRootTask = true;
            }
            else if (key.SequenceEqual("after-ready"))
            {
                if (!hasValue)
                    Report(KernelOptionProblemKind.ValueMissing, index);
                else if (value.SequenceEqual("halt"))
                    AfterReady = AfterReadyAction.Halt;
                else if (value.SequenceEqual("poweroff"))
                    AfterReady = AfterReadyAction.PowerOff;
                else if (value.SequenceEqual("reboot"))
                    AfterReady = AfterReadyAction.Reboot;
                else if (value.SequenceEqual("panic"))
                    AfterReady = AfterReadyAction.Panic;
                else
                    Report(KernelOptionProblemKind.ValueInvalid, index);
            }
            else if (key.SequenceEqual("loglevel"))
            {
                if (!hasValue)
                    Report(KernelOptionProblemKind.ValueMissing, index);
                else if (TryParseLevel(value, out LogLevel level))
                    LogLevel = level;
                else
                    Report(KernelOptionProblemKind.ValueInvalid, index);
            }
            else if (key.SequenceEqual("serial.colour"))
            {
                if (!hasValue)
                    Report(KernelOptionProblemKind.ValueMissing, index);
                else if (value.SequenceEqual("on"))
                    SerialColour = true;
                else if (value.SequenceEqual("off"))
                    SerialColour = false;
                else
                    Report(KernelOptionProblemKind.ValueInvalid, index);
            }
            else
            {
                Report(KernelOptionProblemKind.Unknown, index);
            }
        }

        /// <summary>The accepted values of an option, for problem reports ("" when it takes none).</summary>
        public static string AcceptedValues(ReadOnlySpan<char> key)
        {
            if (key.SequenceEqual("after-ready"))
                return "halt|poweroff|reboot";
            if (key.SequenceEqual("loglevel"))
                return "trace|debug|info|warn|error";
            if (key.SequenceEqual("serial.colour"))
                return "on|off";
            return "";
        }

        /// <summary>Parses a log level name as loglevel= (and the monitor's log command) accept it.</summary>
        public static bool TryParseLevel(ReadOnlySpan<char> value, out LogLevel level)
        {
            level = DefaultLogLevel;
            if (value.SequenceEqual("trace")) level = LogLevel.Trace;
            else if (value.SequenceEqual("debug")) level = LogLevel.Debug;
            else if (value.SequenceEqual("info")) level = LogLevel.Info;
            else if (value.SequenceEqual("warn")) level = LogLevel.Warn;
            else if (value.SequenceEqual("error")) level = LogLevel.Error;
            else return false;
            return true;
        }

        private void Report(KernelOptionProblemKind kind, int index) => _problems[_problemCount++] = new KernelOptionProblem(kind, index);
    }
}
