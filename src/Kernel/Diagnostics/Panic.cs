// Kernel panic: the last thing the kernel does when it cannot go on. It reports the reason, the CPU state
// where Panic was called (or the trap frame an exception handler passes in) and a symbolized backtrace on
// the log - straight to COM1 when no log sink exists - then stops the CPU, or exits QEMU with a failure
// status when asked to. It must not allocate. A panic while panicking (the report code itself may be what
// failed) writes a minimal message straight to COM1 and stops at once. SMP: one CPU reports; a second CPU
// that panics meanwhile writes one raw line and halts itself, leaving the first to finish its report, and
// the reporting CPU first stops every other CPU with an NMI (CpuStop). The report goes through
// Log.WriteFromPanic, which cannot be held up for long by a log lock someone holds.
using System;
using System.Runtime.CompilerServices;
using System.Threading;
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Arch.X86_64.Interrupts;
using MinimalOS.Kernel.Devices;
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.Text;

namespace MinimalOS.Kernel.Diagnostics
{
    internal static unsafe class Panic
    {
        private const int MessageCapacity = 240;
        private const int LineCapacity = 240;
        private const int MaxFrames = 32;

        // The reporting CPU's index + 1 (0 = none), set on entry to Halt/FromException and never cleared,
        // except around the test interceptor (which resumes elsewhere): a panic that finds its own CPU here
        // happened inside the panic path; one that finds another CPU here is a concurrent panic.
        private static int s_reportingCpu;
        private static MessageText s_firstMessage;
        private static Serial16550 s_rawConsole;
        private static bool s_rawConsoleReady;
        private static delegate*<ReadOnlySpan<byte>, CpuRegisters*, void> s_interceptor;

        private struct MessageText
        {
            public fixed byte Bytes[MessageCapacity];
            public int Length;
        }

        /// <summary>When set, QEMU exits with a failure status instead of the CPU halting.</summary>
        public static bool ExitQemuOnPanic { get; set; }

        /// <summary>
        /// Lets the kernel test runner see a panic before it halts: the interceptor gets the panic message and
        /// the register state (for WriteReport) and, if it wants the kernel to go on, never returns (it
        /// resumes a saved point).
        /// </summary>
        public static void SetInterceptor(delegate*<ReadOnlySpan<byte>, CpuRegisters*, void> interceptor) => s_interceptor = interceptor;

        /// <summary>Panics with <paramref name="reason"/>; the report shows the caller's state and call chain.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static void Halt(string reason)
        {
            CpuRegisters registers = default;
            CpuRegisters.Capture(&registers);
            Enter(reason);
            // The snapshot is of this method; report the caller, which is where the problem is.
            Backtrace.TryUnwindToCaller(ref registers);
            ReportText(reason, null, in registers);
        }

        /// <summary>Panics with "<paramref name="reason"/>: <paramref name="subject"/>" (e.g. the name of the lock or object concerned).</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static void Halt(string reason, string subject)
        {
            CpuRegisters registers = default;
            CpuRegisters.Capture(&registers);
            Enter(reason);
            Backtrace.TryUnwindToCaller(ref registers);
            ReportText(reason, subject, in registers);
        }

        // "reason" or "reason: subject" as the panic message, then the report.
        private static void ReportText(string reason, string subject, in CpuRegisters registers)
        {
            Span<byte> message = stackalloc byte[MessageCapacity];
            var writer = new TextWriterSpan(message);
            writer.Append(reason);
            if (subject is not null)
            {
                writer.Append(": ");
                writer.Append(subject);
            }
            Report(writer.Written, in registers);
        }

        /// <summary>
        /// Panics with a register state captured elsewhere, e.g. the trap frame of a CPU exception (set
        /// IsTrapFrame); the report and backtrace start from it.
        /// </summary>
        public static void Halt(string reason, in CpuRegisters registers)
        {
            Enter(reason);
            Span<byte> message = stackalloc byte[MessageCapacity];
            var writer = new TextWriterSpan(message);
            writer.Append(reason);
            Report(writer.Written, in registers);
        }

        /// <summary>
        /// Panics with a message composed by the caller (e.g. a CPU exception handler, which cannot allocate a
        /// string) and a register state captured elsewhere, such as a trap frame (set IsTrapFrame).
        /// </summary>
        public static void Halt(ReadOnlySpan<byte> message, in CpuRegisters registers)
        {
            Enter(message);
            Report(message.Slice(0, Math.Min(message.Length, MessageCapacity)), in registers);
        }

        /// <summary>An exception nothing catches: names its type (from its MethodTable's symbol) and message.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static void FromException(object exception)
        {
            CpuRegisters registers = default;
            CpuRegisters.Capture(&registers);
            Enter("unhandled exception");
            Backtrace.TryUnwindToCaller(ref registers);
            Span<byte> message = stackalloc byte[MessageCapacity];
            var writer = new TextWriterSpan(message);
            writer.Append("unhandled exception ");
            AppendTypeName(ref writer, exception);
            if (exception is Exception e)
            {
                writer.Append(": ");
                writer.Append(e.Message);
            }
            Report(writer.Written, in registers);
        }

        private static void Enter(string reason)
        {
            Span<byte> buffer = stackalloc byte[MessageCapacity];
            var writer = new TextWriterSpan(buffer);
            writer.Append(reason);
            Enter(writer.Written);
        }

        private static void Enter(ReadOnlySpan<byte> reason)
        {
            Cpu.DisableInterrupts();
            int self = ThisCpu.Index + 1;
            int reporting = Interlocked.CompareExchange(ref s_reportingCpu, self, 0);
            if (reporting == self)
                NestedPanic(reason);
            else if (reporting != 0)
                ConcurrentPanic(reason);
        }

        private static void Report(ReadOnlySpan<byte> message, in CpuRegisters registers)
        {
            if (s_interceptor != null)
            {
                s_reportingCpu = 0;
                CpuRegisters copy = registers;
                s_interceptor(message, &copy);
                s_reportingCpu = ThisCpu.Index + 1;
            }
            fixed (byte* first = s_firstMessage.Bytes)
            {
                int length = Math.Min(message.Length, MessageCapacity);
                message.Slice(0, length).CopyTo(new Span<byte>(first, MessageCapacity));
                s_firstMessage.Length = length;
            }
            // Nothing else may run, log or change shared state while the report is written.
            int stopped = Arch.X86_64.Smp.CpuStop.StopOthers(out int asked);
            WriteReport(message, in registers, &EmitLine);
            if (asked > 0)
                WriteOtherCpus(stopped, asked);
            Stop();
        }

        /// <summary>
        /// Writes the panic report - message, registers, symbolized backtrace - one line at a time to
        /// <paramref name="writeLine"/>, without stopping anything (the panic path and its tests use it).
        /// </summary>
        public static void WriteReport(ReadOnlySpan<byte> message, in CpuRegisters registers, delegate*<ReadOnlySpan<byte>, void> writeLine)
        {
            writeLine(message);
            SymbolTable symbols = KernelDebugInfo.Symbols;
            if (symbols.Count == 0)
                WriteText(writeLine, "kernel symbol table missing or corrupt: no names below");
            WriteRegisters(in registers, in symbols, writeLine);
            WriteBacktrace(in registers, in symbols, writeLine);
        }

        private static void WriteRegisters(in CpuRegisters r, in SymbolTable symbols, delegate*<ReadOnlySpan<byte>, void> writeLine)
        {
            Span<byte> buffer = stackalloc byte[LineCapacity];
            var line = new TextWriterSpan(buffer);
            line.Append(r.IsTrapFrame ? "cpu state at the trap: rip " : "cpu state at the call to panic: rip ");
            line.AppendAddress(r.Rip);
            line.Append((byte)' ');
            BacktraceFormatter.AppendLocation(ref line, r.Rip, !r.IsTrapFrame, in symbols);
            writeLine(line.Written);
            WriteRegisterLine(writeLine, "rsp", r.Rsp, "rbp", r.Rbp, "rflags", r.Rflags);
            WriteRegisterLine(writeLine, "rbx", r.Rbx, "r12", r.R12, "r13", r.R13);
            WriteRegisterLine(writeLine, "r14", r.R14, "r15", r.R15, null, 0);
            if (r.IsTrapFrame)
            {
                WriteRegisterLine(writeLine, "rax", r.Rax, "rcx", r.Rcx, "rdx", r.Rdx);
                WriteRegisterLine(writeLine, "rsi", r.Rsi, "rdi", r.Rdi, "r8", r.R8);
                WriteRegisterLine(writeLine, "r9", r.R9, "r10", r.R10, "r11", r.R11);
            }
            WriteRegisterLine(writeLine, "cr0", r.Cr0, "cr2", r.Cr2, "cr3", r.Cr3);
            WriteRegisterLine(writeLine, "cr4", r.Cr4, null, 0, null, 0);
        }

        private static void WriteRegisterLine(delegate*<ReadOnlySpan<byte>, void> writeLine,
            string name1, ulong value1, string name2, ulong value2, string name3, ulong value3)
        {
            Span<byte> buffer = stackalloc byte[LineCapacity];
            var line = new TextWriterSpan(buffer);
            AppendRegister(ref line, name1, value1);
            if (name2 is not null)
                AppendRegister(ref line, name2, value2);
            if (name3 is not null)
                AppendRegister(ref line, name3, value3);
            writeLine(line.Written);
        }

        private static void AppendRegister(ref TextWriterSpan line, string name, ulong value)
        {
            if (line.Length != 0)
                line.Append((byte)' ');
            line.Append(name);
            line.Append((byte)' ');
            line.AppendAddress(value);
        }

        private static void WriteBacktrace(in CpuRegisters registers, in SymbolTable symbols, delegate*<ReadOnlySpan<byte>, void> writeLine)
        {
            Span<ulong> frames = stackalloc ulong[MaxFrames];
            int count = Backtrace.Walk(in registers, frames);
            WriteText(writeLine, "backtrace:");
            for (int i = 0; i < count; i++)
                WriteFrame(writeLine, i, frames[i], i > 0 || !registers.IsTrapFrame, in symbols);
            if (count == MaxFrames)
                WriteText(writeLine, "  (more frames not shown)");
        }

        private static void WriteFrame(delegate*<ReadOnlySpan<byte>, void> writeLine, int index, ulong address,
            bool isReturnAddress, in SymbolTable symbols)
        {
            Span<byte> buffer = stackalloc byte[LineCapacity];
            var line = new TextWriterSpan(buffer);
            line.Append("  ");
            BacktraceFormatter.AppendFrame(ref line, index, address, isReturnAddress, in symbols);
            writeLine(line.Written);
        }

        // Type name from the object's MethodTable (its first word), looked up among the embedded symbols:
        // there is no reflection metadata in the kernel.
        private static void AppendTypeName(ref TextWriterSpan writer, object exception)
        {
            if (exception is null)
            {
                writer.Append("(null)");
                return;
            }
            ulong methodTable = **(ulong**)Unsafe.AsPointer(ref exception);
            if (KernelDebugInfo.TryAppendTypeName(ref writer, methodTable))
                return;
            writer.Append("(type ");
            writer.AppendAddress(methodTable);
            writer.Append((byte)')');
        }

        private static void WriteText(delegate*<ReadOnlySpan<byte>, void> writeLine, string text)
        {
            Span<byte> buffer = stackalloc byte[LineCapacity];
            var line = new TextWriterSpan(buffer);
            line.Append(text);
            writeLine(line.Written);
        }

        // To the log, or straight to COM1 before any sink exists.
        private static void EmitLine(ReadOnlySpan<byte> line)
        {
            if (Log.HasSinks)
                Log.WriteFromPanic("panic", line);
            else
                WriteRaw(line);
        }

        // Straight to COM1, bypassing the log: used before any sink exists and when the log may be what broke.
        private static void WriteRaw(ReadOnlySpan<byte> line)
        {
            if (!s_rawConsoleReady)
            {
                s_rawConsole = new Serial16550(Serial16550.Com1);
                s_rawConsole.Initialize();
                s_rawConsoleReady = true;
            }
            foreach (char c in "PANIC: ")
                s_rawConsole.Write((byte)c);
            s_rawConsole.Write(line);
            s_rawConsole.Write((byte)'\r');
            s_rawConsole.Write((byte)'\n');
        }

        private static void WriteOtherCpus(int stopped, int asked)
        {
            Span<byte> buffer = stackalloc byte[LineCapacity];
            var line = new TextWriterSpan(buffer);
            line.Append("other CPUs: ");
            line.AppendDecimal((ulong)stopped);
            line.Append(" of ");
            line.AppendDecimal((ulong)asked);
            line.Append(" stopped by NMI");
            EmitLine(line.Written);
        }

        private static void NestedPanic(ReadOnlySpan<byte> reason)
        {
            Span<byte> buffer = stackalloc byte[LineCapacity];
            var line = new TextWriterSpan(buffer);
            line.Append("panic while reporting a panic: ");
            line.Append(reason);
            WriteRaw(line.Written);
            fixed (byte* first = s_firstMessage.Bytes)
            {
                if (s_firstMessage.Length != 0)
                {
                    line = new TextWriterSpan(buffer);
                    line.Append("first panic: ");
                    line.Append(new ReadOnlySpan<byte>(first, s_firstMessage.Length));
                    WriteRaw(line.Written);
                }
            }
            Stop();
        }

        // Another CPU is already reporting: say so in one raw line and stop this CPU only, so that the first
        // report is not cut short (and QEMU is not exited before it is complete).
        private static void ConcurrentPanic(ReadOnlySpan<byte> reason)
        {
            Span<byte> buffer = stackalloc byte[LineCapacity];
            var line = new TextWriterSpan(buffer);
            line.Append("cpu ");
            line.AppendDecimal((ulong)ThisCpu.Index);
            line.Append(" panicked while another CPU reports a panic: ");
            line.Append(reason);
            WriteRaw(line.Written);
            Cpu.HaltForever();
        }

        private static void Stop()
        {
            if (ExitQemuOnPanic)
                QemuDebugExit.Exit(QemuDebugExit.Failure);
            Cpu.HaltForever();
        }
    }
}
