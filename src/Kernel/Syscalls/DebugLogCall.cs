// The debug-log call: one line of at most MaxBytes from user memory into the kernel log, at Info level
// under the "user" subsystem, for holders of the DebugLog capability (with Write), with control characters
// replaced so that a program can neither start a forged line nor send terminal escapes. Rate-limited (a burst of Burst lines, then PerSecond a second; a refused
// line is RateLimited and counted) so a program cannot flood the serial line.
using System;
using MinimalOS.Abi;
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.UserMemory;

namespace MinimalOS.Kernel.Syscalls
{
    public static unsafe class DebugLogCall
    {
        public const int MaxBytes = 256;
        private const ulong Burst = 2000;
        private const ulong PerSecond = 1000;

        private static RateLimit s_limit = new RateLimit(Burst, PerSecond);

        /// <summary>A0 = the DebugLog capability, A1 = user address of the text, A2 = its length in bytes.</summary>
        public static SyscallResult Write(in SyscallArguments arguments)
        {
            Objects.KernelObjects.Lock.Acquire();
            SyscallError error = CallerCapabilities.Capability(arguments.A0, ObjectType.DebugLog, CapRights.Write, out _);
            Objects.KernelObjects.Lock.Release();
            if (error != SyscallError.None)
                return error;
            if (arguments.A2 > MaxBytes)
                return SyscallError.Range;
            error = UserRange.Check(arguments.A1, arguments.A2, out UserRange text);
            if (error != SyscallError.None)
                return error;
            Span<byte> line = stackalloc byte[MaxBytes];
            error = UserCopy.FromUser(text, line);
            if (error != SyscallError.None)
                return error;
            if (!s_limit.TryTake(Time.KernelClock.Nanoseconds()))
                return SyscallError.RateLimited;
            line = line.Slice(0, (int)text.Length);
            MakePrintable(line);
            Log.Write(LogLevel.Info, "user", line);
            return SyscallResult.Ok();
        }

        // One call is one line of the kernel's log: control characters (a line break among them) become '?',
        // so a program cannot forge kernel lines or drive a terminal. Bytes from 0x80 on (UTF-8) stay.
        public static void MakePrintable(Span<byte> text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] < 0x20 || text[i] == 0x7F)
                    text[i] = (byte)'?';
            }
        }
    }
}
