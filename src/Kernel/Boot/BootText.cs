// A piece of text the boot loader supplied (command line, loader name, module string), already cleaned up:
// it lives in its BootInfo's one shared character pool, so holding it costs no allocation of its own.
using System;

namespace MinimalOS.Kernel.Boot
{
    public readonly struct BootText
    {
        private readonly char[] _pool;
        private readonly int _start;
        private readonly int _length;

        internal BootText(char[] pool, int start, int length)
        {
            _pool = pool;
            _start = start;
            _length = length;
        }

        public int Length => _length;

        public bool IsEmpty => _length == 0;

        public ReadOnlySpan<char> Span => _pool is null ? default : new ReadOnlySpan<char>(_pool, _start, _length);
    }
}
