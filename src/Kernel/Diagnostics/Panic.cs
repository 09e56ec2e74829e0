// Kernel panic: the last thing the kernel does when it cannot go on. It reports the reason on every log
// sink, then stops the CPU (or exits QEMU with a failure status when asked to). It must not allocate and
// must survive being re-entered (a panic while panicking halts at once).
using System;
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.Text;

namespace MinimalOS.Kernel.Diagnostics
{
    internal static unsafe class Panic
    {
        private const int MessageCapacity = 240;

        private static bool s_panicking;
        private static delegate*<ReadOnlySpan<byte>, void> s_interceptor;

        /// <summary>When set, QEMU exits with a failure status instead of the CPU halting.</summary>
        public static bool ExitQemuOnPanic { get; set; }

        /// <summary>
        /// Lets the kernel test runner see a panic before it halts: the interceptor gets the panic text and,
        /// if it wants the kernel to go on, never returns (it resumes a saved point).
        /// </summary>
        public static void SetInterceptor(delegate*<ReadOnlySpan<byte>, void> interceptor) => s_interceptor = interceptor;

        public static void Halt(string reason)
        {
            Span<byte> message = stackalloc byte[MessageCapacity];
            var writer = new TextWriterSpan(message);
            writer.Append(reason);
            Stop(writer.Written);
        }

        public static void FromException(object exception)
        {
            Span<byte> message = stackalloc byte[MessageCapacity];
            var writer = new TextWriterSpan(message);
            writer.Append("unhandled exception");
            if (exception is Exception e)
            {
                writer.Append(": ");
                writer.Append(e.Message);
            }
            Stop(writer.Written);
        }

        private static void Stop(ReadOnlySpan<byte> message)
        {
            if (s_panicking)
                Cpu.HaltForever();
            if (s_interceptor != null)
                s_interceptor(message);
            s_panicking = true;
            Log.Write(LogLevel.Fatal, "panic", message);
            if (ExitQemuOnPanic)
                QemuDebugExit.Exit(QemuDebugExit.Failure);
            Cpu.HaltForever();
        }
    }
}
