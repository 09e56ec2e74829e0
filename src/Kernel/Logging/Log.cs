// The kernel log: formats "[seconds.micros] LEVEL subsystem: message" lines and hands them to every
// registered sink. Never allocates after the sinks are registered; the line is built on the stack. The
// start of the log is kept (LogHistory) and replayed to sinks that arrive late.
// SMP: once SetLock has installed a lock, recording a line and writing it to every sink happens under it,
// so lines from different CPUs never interleave (formatting happens before, outside it). The lock is a
// leaf: sinks must not take any other lock or log. The panic path (WriteFromPanic) only tries for the lock
// within a bound and writes without it if it must, so a stuck log cannot silence a panic.
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
        private static ILogLock s_lock;

        public static LogLevel MinimumLevel { get; set; } = LogLevel.Debug;

        /// <summary>
        /// Registers a sink and, unless told otherwise, first shows it the kept start of the log. Returns
        /// false when all <see cref="MaxSinks"/> slots are taken.
        /// </summary>
        public static bool AddSink(ILogSink sink, bool replayHistory = true)
        {
            ILogLock lineLock = s_lock;
            lineLock?.Acquire();
            bool added = true;
            if (s_sink0 is null) s_sink0 = sink;
            else if (s_sink1 is null) s_sink1 = sink;
            else if (s_sink2 is null) s_sink2 = sink;
            else if (s_sink3 is null) s_sink3 = sink;
            else added = false;
            if (added && replayHistory)
                s_history.Replay(sink);
            lineLock?.Release();
            return added;
        }

        /// <summary>True once a sink is registered; until then nothing logged is seen (the panic path then writes to COM1 itself).</summary>
        public static bool HasSinks => s_sink0 is not null || s_sink1 is not null || s_sink2 is not null || s_sink3 is not null;

        public static void RemoveSink(ILogSink sink)
        {
            ILogLock lineLock = s_lock;
            lineLock?.Acquire();
            if (s_sink0 == sink) s_sink0 = null;
            if (s_sink1 == sink) s_sink1 = null;
            if (s_sink2 == sink) s_sink2 = null;
            if (s_sink3 == sink) s_sink3 = null;
            lineLock?.Release();
        }

        /// <summary>
        /// Serialises lines with <paramref name="lineLock"/> from now on (null: no lock, one CPU). Set while
        /// only one CPU runs; anyone else writing to the sinks' devices directly takes the same lock.
        /// </summary>
        public static void SetLock(ILogLock lineLock) => s_lock = lineLock;

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
            Emit(level, writer.Written, panicking: false);
        }

        /// <summary>
        /// Write for the panic path: a Fatal line that is never filtered and never waits for long on the log
        /// lock (see ILogLock.TryAcquireForPanic); it goes out without the lock rather than not at all.
        /// </summary>
        public static void WriteFromPanic(string subsystem, ReadOnlySpan<byte> text)
        {
            Span<byte> line = stackalloc byte[LineCapacity];
            var writer = new TextWriterSpan(line);
            ulong now = s_clockNanoseconds != null ? s_clockNanoseconds() : 0;
            FormatPrefix(ref writer, now, LogLevel.Fatal, subsystem);
            writer.Append(text);
            Emit(LogLevel.Fatal, writer.Written, panicking: true);
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

        private static void Emit(LogLevel level, ReadOnlySpan<byte> line, bool panicking)
        {
            ILogLock lineLock = s_lock;
            bool locked = false;
            if (lineLock is not null)
            {
                if (panicking)
                {
                    locked = lineLock.TryAcquireForPanic();
                }
                else
                {
                    lineLock.Acquire();
                    locked = true;
                }
            }
            s_history.Record(level, line);
            s_sink0?.WriteLine(level, line);
            s_sink1?.WriteLine(level, line);
            s_sink2?.WriteLine(level, line);
            s_sink3?.WriteLine(level, line);
            if (locked)
                lineLock.Release();
        }
    }
}
