// Costs of the C# runtime's basic operations in ring 0: allocating a small object, an interface call
// through a cached dispatch cell, a virtual call, generic virtual calls (class and interface slots, an
// unshared and a shared instantiation; devirtualised by tools/GvmRewriter into a type-test chain), a
// delegate call, and formatting a log line.
using System.Runtime.CompilerServices;
using MinimalOS.Kernel.Logging;

namespace MinimalOS.Kernel.Benchmarks
{
    internal static unsafe class RuntimeBenchmarks
    {
        private interface IShape
        {
            int Sides();

            int Edges<T>();
        }

        private class Square : IShape
        {
            [MethodImpl(MethodImplOptions.NoInlining)]
            public virtual int Sides() => 4;

            [MethodImpl(MethodImplOptions.NoInlining)]
            public virtual int Corners<T>() => 4;

            [MethodImpl(MethodImplOptions.NoInlining)]
            public virtual int Edges<T>() => 4;
        }

        private sealed class Triangle : Square
        {
            [MethodImpl(MethodImplOptions.NoInlining)]
            public override int Sides() => 3;

            [MethodImpl(MethodImplOptions.NoInlining)]
            public override int Corners<T>() => 3;

            [MethodImpl(MethodImplOptions.NoInlining)]
            public override int Edges<T>() => 3;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int Pick() => s_pick;

        private sealed class Small
        {
            public long A;
            public long B;
        }

        // Receivers picked at run time, so ilc cannot devirtualise the calls being measured.
        private static IShape[] s_shapes = new IShape[] { new Square(), new Triangle() };
        private static Square[] s_squares = new Square[] { new Square(), new Triangle() };
        private static int s_pick = 1;
        private static System.Func<int, int> s_delegate = x => x + 1;
        private static int s_sink;

        public static void Run()
        {
            BenchmarkRunner.Measure("runtime.interface-call", &InterfaceCalls, 100_000);
            BenchmarkRunner.Measure("runtime.virtual-call", &VirtualCalls, 100_000);
            BenchmarkRunner.Measure("runtime.generic-virtual-call", &GenericVirtualCalls, 100_000);
            BenchmarkRunner.Measure("runtime.generic-virtual-call-base-receiver", &BaseReceiverGenericVirtualCalls, 100_000);
            BenchmarkRunner.Measure("runtime.generic-virtual-call-shared", &SharedGenericVirtualCalls, 100_000);
            BenchmarkRunner.Measure("runtime.generic-interface-call", &GenericInterfaceCalls, 100_000);
            BenchmarkRunner.Measure("runtime.delegate-call", &DelegateCalls, 100_000);
            BenchmarkRunner.Measure("runtime.new-32-byte-object", &SmallAllocations, 10_000);
            BenchmarkRunner.Measure("runtime.format-log-message", &FormatMessages, 10_000);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void InterfaceCalls(int count)
        {
            IShape shape = s_shapes[Pick()];
            int total = 0;
            for (int i = 0; i < count; i++)
                total += shape.Sides();
            s_sink = total;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void VirtualCalls(int count)
        {
            Square square = s_squares[Pick()];
            int total = 0;
            for (int i = 0; i < count; i++)
                total += square.Sides();
            s_sink = total;
        }

        // The receiver is the most derived type, the dispatcher's first test.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void GenericVirtualCalls(int count)
        {
            Square square = s_squares[Pick()];
            int total = 0;
            for (int i = 0; i < count; i++)
                total += square.Corners<int>();
            s_sink = total;
        }

        // The receiver is the least derived type: the dispatcher's second test.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void BaseReceiverGenericVirtualCalls(int count)
        {
            Square square = s_squares[Pick() - 1];
            int total = 0;
            for (int i = 0; i < count; i++)
                total += square.Corners<int>();
            s_sink = total;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void SharedGenericVirtualCalls(int count)
        {
            Square square = s_squares[Pick()];
            int total = 0;
            for (int i = 0; i < count; i++)
                total += square.Corners<string>();
            s_sink = total;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void GenericInterfaceCalls(int count)
        {
            IShape shape = s_shapes[Pick()];
            int total = 0;
            for (int i = 0; i < count; i++)
                total += shape.Edges<int>();
            s_sink = total;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void DelegateCalls(int count)
        {
            System.Func<int, int> f = s_delegate;
            int total = 0;
            for (int i = 0; i < count; i++)
                total = f(total);
            s_sink = total;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void SmallAllocations(int count)
        {
            for (int i = 0; i < count; i++)
            {
                var small = new Small();
                small.A = i;
                s_sink += (int)small.A;
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void FormatMessages(int count)
        {
            for (int i = 0; i < count; i++)
            {
                var message = new LogMessage(16, 2);
                message.AppendLiteral("frame ");
                message.AppendFormatted((ulong)i * 4096, "x16");
                message.AppendLiteral(" count ");
                message.AppendFormatted(i);
                s_sink += message.Text.Length;
            }
        }
    }
}
