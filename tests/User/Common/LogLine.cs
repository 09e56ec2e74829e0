// One line for the kernel log, built in a fixed buffer that is reused (the heap never frees, and the
// fuzzer and the benchmarks print from loops: a program makes one LogLine and starts each line with
// Begin), then written through a DebugLog capability. ASCII only; a line longer than DebugLog's 256 bytes
// is cut.
using System;
using MinimalOS.Abi;
using MinimalOS.User.Runtime;

namespace MinimalOS.Tests.User.Common
{
    internal sealed class LogLine
    {
        public const int Capacity = 256;
        private const ulong RateLimitPatienceNanoseconds = 5_000_000_000;

        private readonly byte[] _bytes = new byte[Capacity];
        private int _length;

        public LogLine Begin(string text)
        {
            _length = 0;
            return Add(text);
        }

        public LogLine Add(string text)
        {
            for (int i = 0; i < text.Length; i++)
                AddChar(text[i]);
            return this;
        }

        public LogLine AddDecimal(ulong value)
        {
            Span<char> digits = stackalloc char[20];
            int count = 0;
            do
            {
                digits[count++] = (char)('0' + (int)(value % 10));
                value /= 10;
            } while (value != 0);
            while (count > 0)
                AddChar(digits[--count]);
            return this;
        }

        public LogLine AddHex(ulong value)
        {
            Add("0x");
            bool started = false;
            for (int shift = 60; shift >= 0; shift -= 4)
            {
                int digit = (int)((value >> shift) & 0xF);
                if (digit == 0 && !started && shift != 0)
                    continue;
                started = true;
                AddChar((char)(digit < 10 ? '0' + digit : 'a' + digit - 10));
            }
            return this;
        }

        /// <summary>A fixed-point figure in thousandths: 1234 gives "1.234".</summary>
        public LogLine AddThousandths(ulong thousandths)
        {
            AddDecimal(thousandths / 1000);
            AddChar('.');
            ulong fraction = thousandths % 1000;
            AddChar((char)('0' + (int)(fraction / 100)));
            AddChar((char)('0' + (int)(fraction / 10 % 10)));
            AddChar((char)('0' + (int)(fraction % 10)));
            return this;
        }

        public LogLine AddError(SyscallError error) => AddDecimal((ulong)error);

        public void AddChar(char c)
        {
            if (_length < Capacity)
                _bytes[_length++] = c >= ' ' && c <= '~' ? (byte)c : (byte)'?';
        }

        /// <summary>Writes the line; while DebugLog's rate limit (shared by every program) refuses it, tries again for up to five seconds.</summary>
        public SyscallError WriteTo(CapSlot debugLog)
        {
            Syscalls.ClockMonotonic(out ulong start);
            while (true)
            {
                SyscallError error = Syscalls.DebugLog(debugLog, new ReadOnlySpan<byte>(_bytes, 0, _length));
                Syscalls.ClockMonotonic(out ulong now);
                if (error != SyscallError.RateLimited || now - start > RateLimitPatienceNanoseconds)
                    return error;
                Syscalls.Yield();
            }
        }
    }
}
