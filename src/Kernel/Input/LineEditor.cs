// Collects typed characters into one line: printable characters append, Backspace removes the last one,
// Enter completes the line and Ctrl+C discards it. Fixed capacity, no allocation after construction; it
// only edits and reports (LineEditAction) - echoing is the caller's job.
using System;

namespace MinimalOS.Kernel.Input
{
    public sealed class LineEditor
    {
        private const char CancelCharacter = '\x03';

        private readonly char[] _buffer;
        private int _length;

        public LineEditor(int capacity) => _buffer = new char[capacity < 1 ? 1 : capacity];

        public int Capacity => _buffer.Length;

        /// <summary>The line so far (after Completed: the finished line, until Clear).</summary>
        public ReadOnlySpan<char> Line => new ReadOnlySpan<char>(_buffer, 0, _length);

        public void Clear() => _length = 0;

        public LineEditAction Feed(char character)
        {
            switch (character)
            {
                case '\n':
                    return LineEditAction.Completed;
                case '\b':
                    if (_length == 0)
                        return LineEditAction.None;
                    _length--;
                    return LineEditAction.Erased;
                case CancelCharacter:
                    _length = 0;
                    return LineEditAction.Cancelled;
                case '\t':
                    character = ' ';
                    break;
            }
            if (character < ' ' || character == '\x7f')
                return LineEditAction.None;
            if (_length == _buffer.Length)
                return LineEditAction.Full;
            _buffer[_length++] = character;
            return LineEditAction.Appended;
        }
    }
}
