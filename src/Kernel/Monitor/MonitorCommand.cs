// One parsed monitor line: which command, whether it can run as typed, and its log level argument.
// Untrusted input is judged here once, so the code that runs a command never re-validates it.
using MinimalOS.Kernel.Logging;

namespace MinimalOS.Kernel.Monitor
{
    public readonly struct MonitorCommand
    {
        public MonitorCommand(MonitorCommandKind kind, MonitorCommandProblem problem, LogLevel level)
        {
            Kind = kind;
            Problem = problem;
            Level = level;
        }

        public MonitorCommandKind Kind { get; }

        public MonitorCommandProblem Problem { get; }

        /// <summary>The level for <see cref="MonitorCommandKind.LogLevel"/> (meaningful when Problem is None).</summary>
        public LogLevel Level { get; }
    }
}
