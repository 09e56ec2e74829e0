// The kernel log: formats "[seconds.micros] LEVEL subsystem: message" lines and hands them to every
// registered sink. Never allocates after the sinks are registered; the line is built on the stack. The
// start of the log is kept (LogHistory) and replayed to sinks that arrive late.
// Not yet SMP-safe (a lock arrives with the SMP issue); safe to call from a panic.
using System;
using MinimalOS.Kernel.Text;

namespace MinimalOS.Kernel.Logging
{
    public static unsafe class Log
    {
        public const int MaxSinks = 4;
        private const int LineCapacity = 320;

        private static ILogSink s_sink0;
        private static ILogSink s_sink1;
        private static ILogSink s_sink2;
        private static ILogSink s_sink3;
        private static delegate*<ulong> s_clockNanoseconds;
        private static LogHistory s_history;

        public static LogLevel MinimumLevel { get; set; } = LogLevel.Debug;

        /// <summary>
        /// Registers a sink and, unless told otherwise, first shows it the kept start of the log. Returns
        /// false when all <see cref="MaxSinks"/> slots are taken.
        /// </summary>
        public static bool AddSink(ILogSink sink, bool replayHistory = true)
        {
            if (s_sink0 is null) s_sink0 = sink;
            else if (s_sink1 is null) s_sink1 = sink;
            else if (s_sink2 is null) s_sink2 = sink;
            else if (s_sink3 is null) s_sink3 = sink;
            else return false;
            if (replayHistory)
                s_history.Replay(sink);
            return true;
        }

        /// <summary>True once a sink is registered; until then nothing logged is seen (the panic path then writes to COM1 itself).</summary>
        public static bool HasSinks => s_sink0 is not null || s_sink1 is not null || s_sink2 is not null || s_sink3 is not null;

        public static void RemoveSink(ILogSink sink)
        {
            if (s_sink0 == sink) s_sink0 = null;
            if (s_sink1 == sink) s_sink1 = null;
            if (s_sink2 == sink) s_sink2 = null;
            if (s_sink3 == sink) s_sink3 = null;
        }

        /// <summary>Sets the monotonic clock used for timestamps (nanoseconds since boot).</summary>
        public static void SetClock(delegate*<ulong> nanoseconds) => s_clockNanoseconds = nanoseconds;

        public static void Trace(string subsystem, ref LogMessage message) => Write(LogLevel.Trace, subsystem, message.Text);
        public static void Debug(string subsystem, ref LogMessage message) => Write(LogLevel.Debug, subsystem, message.Text);
        public static void Info(string subsystem, ref LogMessage message) => Write(LogLevel.Info, subsystem, message.Text);
        public static void Warn(string subsystem, ref LogMessage message) => Write(LogLevel.Warn, subsystem, message.Text);
        public static void Error(string subsystem, ref LogMessage message) => Write(LogLevel.Error, subsystem, message.Text);
        public static void Fatal(string subsystem, ref LogMessage message) => Write(LogLevel.Fatal, subsystem, message.Text);

        public static void Write(LogLevel level, string subsystem, ReadOnlySpan<byte> text)
        {
            if (level < MinimumLevel)
                return;
            Span<byte> line = stackalloc byte[LineCapacity];
            var writer = new TextWriterSpan(line);
            ulong now = s_clockNanoseconds != null ? s_clockNanoseconds() : 0;
            FormatPrefix(ref writer, now, level, subsystem);
            writer.Append(text);
            Emit(level, writer.Written);
        }

        /// <summary>Writes "[    s.uuuuuu] LEVEL subsystem: " (the same prefix on every sink).</summary>
        public static void FormatPrefix(ref TextWriterSpan writer, ulong nanoseconds, LogLevel level, string subsystem)
        {
            writer.Append((byte)'[');
            int secondsStart = writer.Length;
            writer.AppendDecimal(nanoseconds / 1_000_000_000);
            writer.PadLeftFrom(secondsStart, 5);
            writer.Append((byte)'.');
            writer.AppendFormatted(nanoseconds / 1000 % 1_000_000, false, "D6");
            writer.Append("] ");
            writer.Append(LevelName(level));
            writer.Append((byte)' ');
            writer.Append(subsystem);
            writer.Append(": ");
        }

        public static string LevelName(LogLevel level) => level switch
        {
            LogLevel.Trace => "TRACE",
            LogLevel.Debug => "DEBUG",
            LogLevel.Info => "INFO ",
            LogLevel.Warn => "WARN ",
            LogLevel.Error => "ERROR",
            _ => "FATAL",
        };

        private static void Emit(LogLevel level, ReadOnlySpan<byte> line)
        {
            s_history.Record(level, line);
            s_sink0?.WriteLine(level, line);
            s_sink1?.WriteLine(level, line);
            s_sink2?.WriteLine(level, line);
            s_sink3?.WriteLine(level, line);
        }
    }
}
