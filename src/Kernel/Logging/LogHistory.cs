// The first lines of the log, kept so that a sink registered late (the framebuffer console starts after
// the boot summary is logged) still shows everything from the start of boot. Fixed capacity and no
// allocation: once full it stops recording and says so on replay, keeping the earliest lines, which
// are the ones a late sink would otherwise miss.
using System;

namespace MinimalOS.Kernel.Logging
{
    public unsafe struct LogHistory
    {
        public const int Capacity = 16 * 1024;
        private const int RecordHeader = 3; // level, then the line length as two bytes

        private fixed byte _records[Capacity];
        private int _length;
        private bool _full;

        public bool IsFull => _full;

        public void Record(LogLevel level, ReadOnlySpan<byte> line)
        {
            if (_full)
                return;
            if (line.Length > ushort.MaxValue || RecordHeader + line.Length > Capacity - _length)
            {
                _full = true;
                return;
            }
            fixed (byte* records = _records)
            {
                byte* record = records + _length;
                record[0] = (byte)level;
                record[1] = (byte)line.Length;
                record[2] = (byte)(line.Length >> 8);
                line.CopyTo(new Span<byte>(record + RecordHeader, line.Length));
            }
            _length += RecordHeader + line.Length;
        }

        /// <summary>Writes every recorded line to <paramref name="sink"/>, oldest first.</summary>
        public void Replay(ILogSink sink)
        {
            fixed (byte* records = _records)
            {
                int offset = 0;
                while (offset < _length)
                {
                    byte* record = records + offset;
                    int length = record[1] | (record[2] << 8);
                    sink.WriteLine((LogLevel)record[0], new ReadOnlySpan<byte>(record + RecordHeader, length));
                    offset += RecordHeader + length;
                }
            }
            if (_full)
                sink.WriteLine(LogLevel.Warn, "(log history full: later lines were not kept for this sink)"u8);
        }
    }
}
