// Cost of taking an interrupt: a software `int n` to a registered handler that does nothing, through the
// whole entry path (stub, every general-purpose register, FXSAVE/FXRSTOR of the SSE state, C# dispatch,
// iretq). The floor under every device interrupt and IPI.
using System.Runtime.CompilerServices;
using MinimalOS.Kernel.Arch.X86_64.Interrupts;
using MinimalOS.Kernel.Logging;

namespace MinimalOS.Kernel.Benchmarks
{
    internal static unsafe class InterruptBenchmarks
    {
        private const byte BenchVector = 0xE4;

        public static void Run()
        {
            if (!InterruptVectors.Register(BenchVector, &Empty))
            {
                Log.Warn("bench", $"interrupts.int-round-trip: vector {BenchVector} is taken; not measured");
                return;
            }
            BenchmarkRunner.Measure("interrupts.int-round-trip", &Raise, 10_000);
            InterruptVectors.Unregister(BenchVector);
        }

        private static void Empty(ref InterruptFrame frame)
        {
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void Raise(int count)
        {
            for (int i = 0; i < count; i++)
                InterruptVectors.Raise(BenchVector);
        }
    }
}
