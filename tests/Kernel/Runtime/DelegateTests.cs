// Kernel tests of delegates: static and instance method groups, lambdas with and without captured
// state, the corelib's Action/Func types (including generic instantiations over reference and value
// types), and delegates to virtual and interface methods.
using System;
using System.Runtime.CompilerServices;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class DelegateTests
    {
        public static void Register(KernelTestList tests)
        {
            tests.Add("Delegates.StaticMethodGroup", &StaticMethodGroup);
            tests.Add("Delegates.InstanceMethodGroup", &InstanceMethodGroup);
            tests.Add("Delegates.LambdaWithoutCapture", &LambdaWithoutCapture);
            tests.Add("Delegates.ClosureCapturesLocals", &ClosureCapturesLocals);
            tests.Add("Delegates.ActionsAndFuncs", &ActionsAndFuncs);
            tests.Add("Delegates.VirtualMethodTargets", &VirtualMethodTargets);
            tests.Add("Delegates.CustomDelegateTypes", &CustomDelegateTypes);
            tests.Add("Delegates.Equality", &Equality);
        }

        private static int Square(int x) => x * x;

        private static string Shout(string text) => text + "!";

        // Invoked through a [NoInlining] helper so that ilc cannot see which target the delegate holds.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static TResult Invoke<T, TResult>(Func<T, TResult> function, T argument) => function(argument);

        private static void StaticMethodGroup()
        {
            Expect.Equal(49, Invoke<int, int>(Square, 7), "static method group over int");
            Expect.Equal("halt!", Invoke<string, string>(Shout, "halt"), "static method group over string");
        }

        private sealed class Scaler
        {
            private readonly int _factor;
            public Scaler(int factor) { _factor = factor; }
            public int Scale(int value) => value * _factor;
        }

        private static void InstanceMethodGroup()
        {
            var triple = new Scaler(3);
            var tenfold = new Scaler(10);
            Expect.Equal(21, Invoke<int, int>(triple.Scale, 7), "bound to the first object");
            Expect.Equal(70, Invoke<int, int>(tenfold.Scale, 7), "bound to the second object");
        }

        private static void LambdaWithoutCapture()
        {
            Expect.Equal(8, Invoke<int, int>(x => x + 1, 7), "lambda over int");
            Expect.Equal(4, Invoke<string, int>(s => s.Length, "four"), "lambda from string to int");
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void Repeat(int times, Action action)
        {
            for (int i = 0; i < times; i++)
                action();
        }

        private static void ClosureCapturesLocals()
        {
            int counter = 0;
            string log = "";
            Repeat(3, () =>
            {
                counter++;
                log += "x";
            });
            Expect.Equal(3, counter, "captured counter updated through the closure");
            Expect.Equal("xxx", log, "captured string updated through the closure");
            int offset = 100;
            Func<int, int> addOffset = x => x + offset;
            offset = 200;
            Expect.Equal(205, Invoke(addOffset, 5), "closure sees the variable, not a snapshot");
        }

        private static void ActionsAndFuncs()
        {
            int sum = 0;
            Action<int> add = x => sum += x;
            Action<int, int> addBoth = (a, b) => sum += a * b;
            add(5);
            addBoth(3, 4);
            Expect.Equal(17, sum, "Action<T> and Action<T1, T2>");
            Func<long> seven = () => 7;
            Func<int, int, long> multiply = (a, b) => (long)a * b;
            Expect.Equal(7, seven(), "Func<TResult>");
            Expect.Equal(6_000_000_000, multiply(60_000, 100_000), "Func<T1, T2, TResult>");
            Func<string, string, string> join = (a, b) => a + "/" + b;
            Expect.Equal("boot/kernel", join("boot", "kernel"), "Func over reference types");
            Action<string> record = s => sum += s.Length;
            record("abc");
            Expect.Equal(20, sum, "Action over a reference type");
        }

        private class Greeter
        {
            public virtual string Greet() => "hello";
        }

        private sealed class LoudGreeter : Greeter
        {
            public override string Greet() => "HELLO";
        }

        private interface IMeasure
        {
            int Measure();
        }

        private sealed class Ruler : IMeasure
        {
            public int Measure() => 30;
        }

        private sealed class Tape : IMeasure
        {
            public int Measure() => 500;
        }

        private sealed class Caliper : IMeasure
        {
            public int Measure() => 1;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static Greeter MakeGreeter(bool loud) => loud ? new LoudGreeter() : new Greeter();

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static IMeasure MakeMeasure(int kind) => kind == 0 ? new Ruler() : kind == 1 ? new Tape() : new Caliper();

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static T Call<T>(Func<T> function) => function();

        private static void VirtualMethodTargets()
        {
            Expect.Equal("HELLO", Call<string>(MakeGreeter(true).Greet), "delegate to a virtual method binds the override");
            Expect.Equal("hello", Call<string>(MakeGreeter(false).Greet), "delegate to the base implementation");
            Expect.Equal(500, Call<int>(MakeMeasure(1).Measure), "delegate to an interface method");
            Expect.Equal(30, Call<int>(MakeMeasure(0).Measure), "delegate to another implementation");
        }

        private delegate int Combiner(int a, int b, int c);

        private delegate void Visitor(ref int total, int value);

        private static void Accumulate(ref int total, int value) => total += value;

        private static void CustomDelegateTypes()
        {
            Combiner combine = (a, b, c) => a * 100 + b * 10 + c;
            Expect.Equal(123, combine(1, 2, 3), "three-argument custom delegate");
            Visitor visit = Accumulate;
            int total = 0;
            visit(ref total, 4);
            visit(ref total, 5);
            Expect.Equal(9, total, "delegate with a by-ref parameter");
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static Func<int, int> SquareFunction() => new Func<int, int>(Square);

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static Func<int, int> ScaleFunction(Scaler scaler) => scaler.Scale;

        private static void Equality()
        {
            Func<int, int> first = SquareFunction();
            Func<int, int> second = SquareFunction();
            Expect.False(ReferenceEquals(first, second), "two delegate objects (explicit creation is not cached)");
            Expect.True(first == second, "same static method: equal");
            Expect.True(first.Equals(second), "Equals agrees");
            var scaler = new Scaler(2);
            Expect.True(ScaleFunction(scaler) == ScaleFunction(scaler), "same method, same target: equal");
            Expect.False(ScaleFunction(scaler) == ScaleFunction(new Scaler(2)), "different targets differ");
            Expect.False(first == ScaleFunction(scaler), "different methods differ");
            Func<int, int> none = null;
            Expect.True(none == null && first != null, "comparison with null");
        }
    }
}
