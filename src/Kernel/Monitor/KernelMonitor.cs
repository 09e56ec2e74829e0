// The kernel monitor: a debugging aid on the console (COM1 and the framebuffer), not the shell. It shows
// `monitor> `, edits a line from ConsoleInput.Queue with echo, and runs help, mem, time, cpu, log <level>,
// reboot and poweroff. Runs on the boot CPU after "MinimalOS ready" when the command line has `monitor`,
// and never returns. Typed text is untrusted: anything unknown gets a message and a new prompt.
using System;
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Arch.X86_64.Smp;
using MinimalOS.Kernel.Console;
using MinimalOS.Kernel.Devices;
using MinimalOS.Kernel.Input;
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.Memory.Physical;
using MinimalOS.Kernel.Monitor;
using MinimalOS.Kernel.Power;
using MinimalOS.Kernel.Scheduling;
using MinimalOS.Kernel.Text;

namespace MinimalOS.Kernel.Monitor
{
    internal static unsafe class KernelMonitor
    {
        public const string Prompt = "monitor> ";
        private const int LineCapacity = 120;
        private const ulong NanosecondsPerMillisecond = 1_000_000;

        public static void Run(Serial16550 serial, FramebufferConsole screen)
        {
            var console = new MonitorConsole(serial, screen);
            var editor = new LineEditor(LineCapacity);
            ConsoleInputQueue queue = ConsoleInput.Queue;
            Log.Info("monitor", $"kernel monitor on the console; type help");
            console.Write(Prompt);
            while (true)
            {
                if (!queue.TryRead(out char typed))
                {
                    ConsoleInput.WaitForInput();
                    continue;
                }
                switch (editor.Feed(typed))
                {
                    case LineEditAction.Appended:
                        console.Write(typed);
                        break;
                    case LineEditAction.Erased:
                        console.Write("\b \b");
                        break;
                    case LineEditAction.Full:
                        console.Write("\a");
                        break;
                    case LineEditAction.Cancelled:
                        console.Write("^C\n");
                        console.Write(Prompt);
                        break;
                    case LineEditAction.Completed:
                        console.Write("\n");
                        Execute(console, editor.Line);
                        editor.Clear();
                        console.Write(Prompt);
                        break;
                }
            }
        }

        private static void Execute(MonitorConsole console, ReadOnlySpan<char> line)
        {
            MonitorCommand command = MonitorCommandParser.Parse(line);
            switch (command.Problem)
            {
                case MonitorCommandProblem.ArgumentMissing:
                    console.WriteLine("log needs a level: log trace|debug|info|warn|error");
                    return;
                case MonitorCommandProblem.ArgumentInvalid:
                    console.WriteLine("unknown log level: use log trace|debug|info|warn|error");
                    return;
                case MonitorCommandProblem.ArgumentNotExpected:
                    console.Write(MonitorCommandParser.CommandWord(line));
                    console.WriteLine(" takes no argument");
                    return;
            }
            switch (command.Kind)
            {
                case MonitorCommandKind.Empty:
                    return;
                case MonitorCommandKind.Help:
                    console.WriteLine(MonitorCommandParser.HelpText);
                    return;
                case MonitorCommandKind.Memory:
                    ShowMemory(console);
                    return;
                case MonitorCommandKind.Time:
                    ShowTime(console);
                    return;
                case MonitorCommandKind.Cpu:
                    ShowCpu(console);
                    return;
                case MonitorCommandKind.LogLevel:
                    Log.MinimumLevel = command.Level;
                    console.Write("log level now ");
                    console.WriteLine(Log.LevelName(command.Level));
                    return;
                case MonitorCommandKind.Reboot:
                    console.WriteLine("rebooting");
                    SystemPower.Reboot();
                    return;
                case MonitorCommandKind.PowerOff:
                    console.WriteLine("powering off");
                    SystemPower.Off();
                    return;
                default:
                    console.Write("unknown command \"");
                    console.Write(MonitorCommandParser.CommandWord(line));
                    console.WriteLine("\" (help lists the commands)");
                    return;
            }
        }

        private static void ShowMemory(MonitorConsole console)
        {
            Span<byte> buffer = stackalloc byte[160];
            var text = new TextWriterSpan(buffer);
            LockedFrameAllocator frames = KernelAddressSpace.Frames;
            if (frames is null)
            {
                text.Append("frames: no frame allocator\n");
            }
            else
            {
                FrameStatistics statistics = frames.Statistics;
                text.Append("frames: ");
                text.AppendDecimal(statistics.TotalFrames);
                text.Append(" total, ");
                text.AppendDecimal(statistics.UsedFrames);
                text.Append(" used, ");
                text.AppendDecimal(statistics.FreeFrames);
                text.Append(" free, ");
                text.AppendDecimal(statistics.ReservedFrames);
                text.Append(" reserved (4 KiB each)\n");
            }
            text.Append("heap: ");
            text.AppendDecimal(Runtime.KernelHeap.BytesInUse);
            text.Append(" bytes in use (details in the log)\n");
            console.Write(text.Written);
            Runtime.KernelHeap.LogStatistics();
        }

        private static void ShowTime(MonitorConsole console)
        {
            Span<byte> buffer = stackalloc byte[128];
            var text = new TextWriterSpan(buffer);
            ulong milliseconds = TscClock.Nanoseconds() / NanosecondsPerMillisecond;
            text.Append("uptime: ");
            text.AppendDecimal(milliseconds / 1000);
            text.Append('.');
            ulong fraction = milliseconds % 1000;
            if (fraction < 100)
                text.Append('0');
            if (fraction < 10)
                text.Append('0');
            text.AppendDecimal(fraction);
            text.Append(" s (TSC, ");
            text.Append(TscClock.SourceName);
            text.Append(")\nwall clock: not available yet (no RTC driver)\n");
            console.Write(text.Written);
        }

        private static void ShowCpu(MonitorConsole console)
        {
            uint* registers = stackalloc uint[4];
            Span<byte> buffer = stackalloc byte[128];
            var text = new TextWriterSpan(buffer);
            Cpu.CpuId(0, 0, registers);
            text.Append("vendor: ");
            // The vendor string is EBX, EDX, ECX, four ASCII bytes each.
            AppendRegister(ref text, registers[1]);
            AppendRegister(ref text, registers[3]);
            AppendRegister(ref text, registers[2]);
            text.Append('\n');
            Cpu.CpuId(0x8000_0000, 0, registers);
            if (registers[0] >= 0x8000_0004)
            {
                text.Append("brand: ");
                for (uint leaf = 0x8000_0002; leaf <= 0x8000_0004; leaf++)
                {
                    Cpu.CpuId(leaf, 0, registers);
                    for (int i = 0; i < 4; i++)
                        AppendRegister(ref text, registers[i]);
                }
                text.Append('\n');
            }
            else
            {
                text.Append("brand: not reported (no CPUID leaf 0x80000004)\n");
            }
            console.Write(text.Written);
            for (int cpu = 0; cpu < Scheduler.ProcessorCount; cpu++)
                ShowProcessor(console, cpu);
        }

        // One line per CPU the scheduler runs on: its APIC id and what its scheduler has done so far.
        private static void ShowProcessor(MonitorConsole console, int cpu)
        {
            Processor processor = Scheduler.ProcessorAt(cpu);
            if (processor is null)
                return;
            Span<byte> buffer = stackalloc byte[160];
            var text = new TextWriterSpan(buffer);
            text.Append("cpu ");
            text.AppendDecimal((ulong)cpu);
            text.Append(": apic id ");
            text.AppendDecimal(OnlineCpus.ApicId(cpu));
            text.Append(", ");
            text.Append(processor.IsIdle ? "idle" : "busy");
            text.Append(", ");
            text.AppendDecimal(processor.ThreadsRun);
            text.Append(" threads run, ");
            text.AppendDecimal(processor.Switches);
            text.Append(" switches, ");
            text.AppendDecimal(processor.Preemptions);
            text.Append(" preemptions, ");
            text.AppendDecimal(processor.Steals);
            text.Append(" steals\n");
            console.Write(text.Written);
        }

        // Four ASCII bytes of a CPUID string register, low byte first; NULs (padding) and non-ASCII are skipped.
        private static void AppendRegister(ref TextWriterSpan text, uint value)
        {
            for (int shift = 0; shift < 32; shift += 8)
            {
                byte b = (byte)(value >> shift);
                if (b >= 0x20 && b < 0x7F)
                    text.Append(b);
            }
        }
    }
}
