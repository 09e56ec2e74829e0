// Runs what a ring-3 program needs from the runtime and logs one line per step through DebugLog: a lazy
// static constructor, heap objects and strings, interface dispatch over two implementations; then it
// throws, which the runtime must report as "unhandled exception: <message>" before ending the thread.
// The step lines are literals logged only when the step gave the right answer, so the test can read
// them back from the ELF file. tests/Host/User/RuntimeProbeUnderLinuxTests.cs checks them.
using System;
using System.Runtime;
using System.Runtime.CompilerServices;
using MinimalOS.Abi;
using MinimalOS.User.Runtime;

namespace MinimalOS.User.RuntimeProbe
{
    public static class RuntimeProbe
    {
        // A property, not a static field: it must not need a static constructor of its own.
        private static CapSlot Log => RootCNode.Documented.Slot(RootSlots.DebugLog);

        [RuntimeExport("MinimalOS_Main")]
        public static void Main(BootInfo bootInfo)
        {
            if (Lazy.Value == 42)
                Syscalls.DebugLog(Log, "probe: static 42"u8);
            IShape[] shapes = { new Square(3), new Line(4) };
            int total = 0;
            foreach (IShape shape in shapes)
                total += Measure(shape);
            if ((total.ToString() + "!") == "13!")
                Syscalls.DebugLog(Log, "probe: shapes 13"u8);
            throw new InvalidOperationException("probe: deliberate");
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int Measure(IShape shape) => shape.Size();

        private static class Lazy
        {
            public static readonly int Value = Compute(6);

            static Lazy() => Syscalls.DebugLog(Log, "probe: static constructor"u8);

            [MethodImpl(MethodImplOptions.NoInlining)]
            private static int Compute(int x) => x * 7;
        }

        private interface IShape
        {
            int Size();
        }

        private sealed class Square : IShape
        {
            private readonly int _side;

            public Square(int side) => _side = side;

            public int Size() => _side * _side;
        }

        private sealed class Line : IShape
        {
            private readonly int _length;

            public Line(int length) => _length = length;

            public int Size() => _length;
        }
    }
}
