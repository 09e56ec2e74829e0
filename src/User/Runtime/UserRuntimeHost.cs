// A user program's side of the corelib's RuntimeHooks: allocation from UserHeap; an unhandled exception or
// a runtime failure writes one line through the DebugLog system call and ends the thread (a program never
// halts the machine); static constructors run on the program's single thread. Never allocates on the
// failure paths: the heap may be what failed.
using System;
using System.Runtime;
using MinimalOS.Abi;

namespace MinimalOS.User.Runtime
{
    internal static unsafe class UserRuntimeHost
    {
        private const int MaxReportLength = 200;

        /// <summary>The exit code of a thread the runtime ended (never 0, which means success).</summary>
        public const ulong RuntimeFailureExitCode = 0xDEAD;

        [RuntimeExport("MinimalOS_Allocate")]
        private static void* Allocate(nuint size) => UserHeap.Allocate(size);

        // A program carries no symbol table, so Object.ToString() prints the corelib's "<unnamed type>".
        [RuntimeExport("MinimalOS_TypeName")]
        private static string TypeName(void* methodTable) => null;

        // One thread per program until user threads exist: the owner of a running constructor is that thread.
        [RuntimeExport("MinimalOS_BeginClassConstructor")]
        private static nint BeginClassConstructor(nint* owner)
        {
            *owner = 1;
            return 0;
        }

        [RuntimeExport("MinimalOS_EndClassConstructor")]
        private static void EndClassConstructor(nint pinned)
        {
        }

        [RuntimeExport("MinimalOS_UnhandledException")]
        private static void UnhandledException(object exception) =>
            Terminate("unhandled exception: ", (exception as Exception)?.Message);

        [RuntimeExport("MinimalOS_FailFast")]
        private static void FailFast(string reason) => Terminate("fail fast: ", reason);

        /// <summary>Logs <paramref name="prefix"/> and <paramref name="reason"/> (ASCII, truncated) and ends the thread.</summary>
        public static void Terminate(string prefix, string reason)
        {
            Span<byte> line = stackalloc byte[MaxReportLength];
            int length = AppendAscii(line, 0, prefix);
            length = AppendAscii(line, length, reason ?? "(no reason given)");
            // Only the root task holds a DebugLog capability at this slot; elsewhere the line is refused, harmlessly.
            Syscalls.DebugLog(RootCNode.Documented.Slot(RootSlots.DebugLog), line.Slice(0, length));
            Syscalls.ThreadExit(RuntimeFailureExitCode);
        }

        // The kernel log is ASCII-safe: anything else becomes '?'.
        private static int AppendAscii(Span<byte> line, int length, string text)
        {
            for (int i = 0; i < text.Length && length < line.Length; i++)
            {
                char c = text[i];
                line[length++] = c >= ' ' && c <= '~' ? (byte)c : (byte)'?';
            }
            return length;
        }
    }
}
