// Parses a line typed at the kernel monitor: a command word and at most one argument, separated by spaces.
// The line is untrusted (anything a terminal can send): every outcome is a MonitorCommand, never an
// exception, and parsing never allocates.
using System;
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Logging;

namespace MinimalOS.Kernel.Monitor
{
    public static class MonitorCommandParser
    {
        /// <summary>What `help` prints, one command per line.</summary>
        public const string HelpText =
            "help              this list\n" +
            "mem               physical frame and kernel heap statistics\n" +
            "time              time since boot\n" +
            "cpu               CPU vendor and brand (CPUID), each CPU's scheduler figures\n" +
            "log <level>       log only trace|debug|info|warn|error and above\n" +
            "reboot            restart the machine\n" +
            "poweroff          turn the machine off";

        public static MonitorCommand Parse(ReadOnlySpan<char> line)
        {
            ReadOnlySpan<char> word = Word(line, 0, out int next);
            ReadOnlySpan<char> argument = Word(line, next, out next);
            bool extra = Word(line, next, out _).Length != 0;
            MonitorCommandKind kind = KindOf(word);
            if (kind == MonitorCommandKind.Empty || kind == MonitorCommandKind.Unknown)
                return new MonitorCommand(kind, MonitorCommandProblem.None, LogLevel.Info);
            if (kind == MonitorCommandKind.LogLevel)
            {
                if (argument.Length == 0)
                    return new MonitorCommand(kind, MonitorCommandProblem.ArgumentMissing, LogLevel.Info);
                if (extra || !KernelOptions.TryParseLevel(argument, out LogLevel level))
                    return new MonitorCommand(kind, MonitorCommandProblem.ArgumentInvalid, LogLevel.Info);
                return new MonitorCommand(kind, MonitorCommandProblem.None, level);
            }
            MonitorCommandProblem problem = argument.Length != 0 ? MonitorCommandProblem.ArgumentNotExpected : MonitorCommandProblem.None;
            return new MonitorCommand(kind, problem, LogLevel.Info);
        }

        /// <summary>The command word of <paramref name="line"/> (for "unknown command" messages).</summary>
        public static ReadOnlySpan<char> CommandWord(ReadOnlySpan<char> line) => Word(line, 0, out _);

        private static MonitorCommandKind KindOf(ReadOnlySpan<char> word)
        {
            if (word.Length == 0) return MonitorCommandKind.Empty;
            if (word.SequenceEqual("help") || word.SequenceEqual("?")) return MonitorCommandKind.Help;
            if (word.SequenceEqual("mem")) return MonitorCommandKind.Memory;
            if (word.SequenceEqual("time")) return MonitorCommandKind.Time;
            if (word.SequenceEqual("cpu")) return MonitorCommandKind.Cpu;
            if (word.SequenceEqual("reboot")) return MonitorCommandKind.Reboot;
            if (word.SequenceEqual("poweroff")) return MonitorCommandKind.PowerOff;
            if (word.SequenceEqual("log")) return MonitorCommandKind.LogLevel;
            return MonitorCommandKind.Unknown;
        }

        // The space-separated word starting at or after `start`, and where the search for the next one starts.
        private static ReadOnlySpan<char> Word(ReadOnlySpan<char> line, int start, out int next)
        {
            int begin = start;
            while (begin < line.Length && line[begin] == ' ')
                begin++;
            int end = begin;
            while (end < line.Length && line[end] != ' ')
                end++;
            next = end;
            return line.Slice(begin, end - begin);
        }
    }
}
