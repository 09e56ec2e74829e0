// Kernel tests of static initialisation: an explicit static constructor with side effects runs lazily,
// exactly once, on first access; beforefieldinit statics that ilc can compute at compile time are
// preinitialised in the image; generic types get one static constructor run per instantiation. The SMP
// state machine: a constructor that reaches its own type again (through another type) proceeds instead of
// waiting for itself, and runs pinned to its CPU (interrupts off) with the caller's interrupt flag back after.
using System.Runtime.CompilerServices;
using MinimalOS.Kernel.Arch.X86_64;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class StaticConstructorTests
    {
        public static void Register(KernelTestList tests)
        {
            tests.Add("Statics.ExplicitConstructorRunsOnceLazily", &ExplicitConstructorRunsOnceLazily);
            tests.Add("Statics.ConstructorRunsOnStaticMethodCall", &ConstructorRunsOnStaticMethodCall);
            tests.Add("Statics.PreinitialisedStatics", &PreinitialisedStatics);
            tests.Add("Statics.GenericTypeConstructors", &GenericTypeConstructors);
            tests.Add("Statics.ConstructorReachingItsOwnTypeDoesNotWaitForItself", &ConstructorReachingItsOwnTypeDoesNotWaitForItself);
            tests.Add("Statics.ConstructorRunsPinnedAndRestoresInterrupts", &ConstructorRunsPinnedAndRestoresInterrupts);
        }

        private static class Reentrant
        {
            public static readonly int Value;
            public static readonly int SeenDuringConstruction;
            public static int Runs;

            static Reentrant()
            {
                Runs++;
                Value = 7;
                // Back into this type through another one, so the compiler's check (and the runner) is used.
                SeenDuringConstruction = ReentrantReader.Read();
                Value = 8;
            }
        }

        private static class ReentrantReader
        {
            [MethodImpl(MethodImplOptions.NoInlining)]
            public static int Read() => Reentrant.Value;
        }

        private static void ConstructorReachingItsOwnTypeDoesNotWaitForItself()
        {
            Expect.Equal(8, ReentrantReader.Read(), "the constructor finished");
            Expect.Equal(7, Reentrant.SeenDuringConstruction, "the nested access saw the partly built statics");
            Expect.Equal(1, Reentrant.Runs, "ran once");
            Expect.Equal(8, ReentrantReader.Read(), "not run again");
            Expect.Equal(1, Reentrant.Runs, "still once");
        }

        private static class Pinned
        {
            public static readonly bool InterruptsOnWhileRunning;

            static Pinned()
            {
                InterruptsOnWhileRunning = (Cpu.ReadRflags() & (1UL << 9)) != 0;
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static bool ReadPinned() => Pinned.InterruptsOnWhileRunning;

        private static void ConstructorRunsPinnedAndRestoresInterrupts()
        {
            Expect.True((Cpu.ReadRflags() & (1UL << 9)) != 0, "tests run with interrupts on");
            Expect.False(ReadPinned(), "interrupts were off while the constructor ran");
            Expect.True((Cpu.ReadRflags() & (1UL << 9)) != 0, "interrupts are back on afterwards");
        }

        // Written only by static constructors below, so the tests can see when (and how often) they ran.
        private static class Trace
        {
            public static int Runs;
            public static int Order;
        }

        private static class Lazy
        {
            public static readonly int Value;
            public static readonly int RunNumber;

            // An explicit static constructor: the type is not beforefieldinit, so it must run exactly at the
            // first access, not earlier. The side effect on another type keeps ilc from precomputing it.
            static Lazy()
            {
                Trace.Runs++;
                RunNumber = ++Trace.Order;
                Value = 42;
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int ReadLazy() => Lazy.Value;

        private static void ExplicitConstructorRunsOnceLazily()
        {
            int runsBefore = Trace.Runs;
            Expect.Equal(0, runsBefore, "not run before first access");
            Expect.Equal(42, ReadLazy(), "first access sees the initialised value");
            Expect.Equal(1, Trace.Runs, "ran on first access");
            Expect.Equal(42, ReadLazy(), "second access");
            Expect.Equal(1, Trace.Runs, "ran exactly once");
            Expect.Equal(1, Lazy.RunNumber, "it was the first static constructor to run");
        }

        private static class Service
        {
            public static int Calls;
            private static readonly int s_start;

            static Service()
            {
                s_start = 1000 + ++Trace.Order;
            }

            public static int Call() => s_start + ++Calls;
        }

        private static void ConstructorRunsOnStaticMethodCall()
        {
            int orderBefore = Trace.Order;
            int first = Service.Call();
            Expect.Equal(1000 + orderBefore + 1 + 1, first, "constructor ran before the method body");
            Expect.Equal(first + 1, Service.Call(), "not re-run on the second call");
        }

        private static class Table
        {
            // No explicit constructor and constant initialisers: ilc evaluates these at compile time and the
            // image holds the values, so no code runs at start-up or on access.
            public static readonly int[] Powers = { 1, 2, 4, 8, 16 };
            public static readonly string Name = "table";
            public static int Counter = 5;
        }

        private static void PreinitialisedStatics()
        {
            Expect.Equal(16, Table.Powers[4], "preinitialised array");
            Expect.Equal("table", Table.Name, "preinitialised string");
            Expect.Equal(5, Table.Counter, "preinitialised int");
            Table.Counter++;
            Expect.Equal(6, Table.Counter, "preinitialised statics are writable");
        }

        private static class PerType<T>
        {
            public static readonly int Id;

            static PerType()
            {
                Id = ++Trace.Order;
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int IdOf<T>() => PerType<T>.Id;

        private static void GenericTypeConstructors()
        {
            int a = IdOf<string>();
            int b = IdOf<object>();
            int c = IdOf<int>();
            Expect.True(a != b && b != c && a != c, "one constructor run per instantiation");
            Expect.Equal(a, IdOf<string>(), "not re-run for the same instantiation");
            Expect.Equal(c, IdOf<int>(), "not re-run for a value-type instantiation");
        }
    }
}
