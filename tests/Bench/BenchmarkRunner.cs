// Runs the kernel's micro-benchmarks inside QEMU and prints one line per benchmark on the log (COM1):
//   bench: <name>: <ns> ns/op, <ops> ops/s, <cycles> TSC cycles/op
// Each benchmark runs once to warm up, then five timed rounds; the fastest round is reported (the others
// are mostly disturbed by the emulator). Figures, not tests: nothing here passes or fails. At the end
// QEMU exits through isa-debug-exit.
using System.Runtime.CompilerServices;
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Devices;
using MinimalOS.Kernel.Logging;

namespace MinimalOS.Kernel.Benchmarks
{
    internal static unsafe class BenchmarkRunner
    {
        private const int Rounds = 5;

        public static void RunAll()
        {
            Log.Info("bench", $"TSC {TscClock.FrequencyHz / 1000} kHz ({TscClock.SourceName}); best of {Rounds} rounds");
            RuntimeBenchmarks.Run();
            MemoryBenchmarks.Run();
            SyncBenchmarks.Run();
            InterruptBenchmarks.Run();
            LocalApicBenchmarks.Run();
            ThreadBenchmarks.Run();
            Log.Info("bench", $"done");
            QemuDebugExit.Exit(QemuDebugExit.Success);
        }

        /// <summary>Times <paramref name="body"/> (which runs the operation <paramref name="operations"/> times) and logs the figure.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static void Measure(string name, delegate*<int, void> body, int operations)
        {
            body(operations);
            ulong best = ulong.MaxValue;
            for (int round = 0; round < Rounds; round++)
            {
                ulong start = Cpu.ReadTimestampCounter();
                body(operations);
                ulong ticks = Cpu.ReadTimestampCounter() - start;
                if (ticks < best)
                    best = ticks;
            }
            Report(name, best, operations);
        }

        /// <summary>Logs a figure measured elsewhere in nanoseconds per operation (0: the measurement could not run).</summary>
        public static void ReportNanoseconds(string name, ulong nanosecondsPerOp)
        {
            if (nanosecondsPerOp == 0 || nanosecondsPerOp == ulong.MaxValue)
            {
                Log.Warn("bench", $"{name}: could not be measured");
                return;
            }
            ulong cycles = nanosecondsPerOp * TscClock.FrequencyHz / 1_000_000_000;
            Log.Info("bench", $"{name}: {nanosecondsPerOp} ns/op, {1_000_000_000 / nanosecondsPerOp} ops/s, {cycles} TSC cycles/op");
        }

        /// <summary>Logs a figure measured elsewhere: <paramref name="ticks"/> TSC ticks for <paramref name="operations"/> operations.</summary>
        public static void Report(string name, ulong ticks, int operations)
        {
            ulong hz = TscClock.FrequencyHz;
            ulong picosPerOp = ticks * 1000 / (ulong)operations * 1_000_000_000 / hz;
            ulong opsPerSecond = picosPerOp == 0 ? 0 : 1_000_000_000_000UL / picosPerOp;
            Log.Info("bench", $"{name}: {picosPerOp / 1000}.{picosPerOp % 1000:D3} ns/op, {opsPerSecond} ops/s, {ticks / (ulong)operations} TSC cycles/op");
        }
    }
}
