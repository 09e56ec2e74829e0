// Kernel tests of interface dispatch through ilc's dispatch cells. Every call goes through a
// [NoInlining] method with several implementations behind it, so ilc cannot devirtualise the call and
// the runtime resolver really runs.
using System.Runtime.CompilerServices;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class InterfaceDispatchTests
    {
        public static void Register(KernelTestList tests)
        {
            tests.Add("Interfaces.DispatchToEachImplementation", &DispatchToEachImplementation);
            tests.Add("Interfaces.OverrideInDerivedClassWins", &OverrideInDerivedClassWins);
            tests.Add("Interfaces.CachedCallSiteStaysCorrect", &CachedCallSiteStaysCorrect);
            tests.Add("Interfaces.InheritedImplementation", &InheritedImplementation);
            tests.Add("Interfaces.InterfaceInheritance", &InterfaceInheritance);
            tests.Add("Interfaces.ExplicitImplementations", &ExplicitImplementations);
            tests.Add("Interfaces.GenericInterfaces", &GenericInterfaces);
            tests.Add("Interfaces.GenericInterfaceInSharedCode", &GenericInterfaceInSharedCode);
            tests.Add("Interfaces.DefaultInterfaceMethods", &DefaultInterfaceMethods);
            tests.Add("Interfaces.GenericDefaultInterfaceMethods", &GenericDefaultInterfaceMethods);
            tests.Add("Interfaces.StructImplementation", &StructImplementation);
            tests.Add("Interfaces.NullReceiverPanics", &NullReceiverPanics);
        }

        private interface IShape
        {
            int Area();
            int Sides { get; }
        }

        private sealed class Square : IShape
        {
            public int Side;
            public int Area() => Side * Side;
            public int Sides => 4;
        }

        private sealed class Triangle : IShape
        {
            public int Area() => 6;
            public int Sides => 3;
        }

        private class Hexagon : IShape
        {
            public virtual int Area() => 60;
            public int Sides => 6;
        }

        private sealed class BigHexagon : Hexagon
        {
            public override int Area() => 600;
        }

        private sealed class NamedHexagon : Hexagon
        {
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static IShape MakeShape(int kind) => kind switch
        {
            0 => new Square { Side = 3 },
            1 => new Triangle(),
            2 => new Hexagon(),
            3 => new BigHexagon(),
            _ => new NamedHexagon(),
        };

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int AreaOf(IShape shape) => shape.Area();

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int SidesOf(IShape shape) => shape.Sides;

        private static void DispatchToEachImplementation()
        {
            Expect.Equal(9, AreaOf(MakeShape(0)), "square area");
            Expect.Equal(4, SidesOf(MakeShape(0)), "square sides");
            Expect.Equal(6, AreaOf(MakeShape(1)), "triangle area");
            Expect.Equal(3, SidesOf(MakeShape(1)), "triangle sides");
            Expect.Equal(60, AreaOf(MakeShape(2)), "hexagon area");
            Expect.Equal(6, SidesOf(MakeShape(2)), "hexagon sides");
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int SidesThroughFreshSite(IShape shape) => shape.Sides;

        // The call site caches its first receiver type; later receivers of other types must still reach
        // their own implementation, and the cached type its own, in any order.
        private static void CachedCallSiteStaysCorrect()
        {
            long total = 0;
            for (int round = 0; round < 3; round++)
            {
                for (int kind = 0; kind < 5; kind++)
                    total = total * 10 + SidesThroughFreshSite(MakeShape((kind + round) % 5));
            }
            Expect.Equal(436_663_666_466_643, total, "sides in call order across three rounds");
        }

        private static void OverrideInDerivedClassWins() =>
            Expect.Equal(600, AreaOf(MakeShape(3)), "derived override of a virtual interface implementation");

        private static void InheritedImplementation()
        {
            Expect.Equal(60, AreaOf(MakeShape(4)), "area inherited from the base class");
            Expect.Equal(6, SidesOf(MakeShape(4)), "sides inherited from the base class");
        }

        private interface INamed
        {
            int NameLength();
        }

        private interface ITagged : INamed
        {
            int Tag();
        }

        private sealed class Alpha : ITagged
        {
            public int NameLength() => 5;
            public int Tag() => 1;
        }

        private sealed class Beta : ITagged
        {
            public int NameLength() => 4;
            public int Tag() => 2;
        }

        private sealed class Gamma : ITagged
        {
            public int NameLength() => 5;
            public int Tag() => 3;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static ITagged MakeTagged(int kind) => kind == 0 ? new Alpha() : kind == 1 ? new Beta() : new Gamma();

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int NameLengthThroughDerivedInterface(ITagged tagged) => tagged.NameLength() * 10 + tagged.Tag();

        private static void InterfaceInheritance()
        {
            Expect.Equal(51, NameLengthThroughDerivedInterface(MakeTagged(0)), "alpha");
            Expect.Equal(42, NameLengthThroughDerivedInterface(MakeTagged(1)), "beta");
            Expect.Equal(53, NameLengthThroughDerivedInterface(MakeTagged(2)), "gamma");
        }

        private interface ILeft
        {
            int Value();
        }

        private interface IRight
        {
            int Value();
        }

        private sealed class Both : ILeft, IRight
        {
            int ILeft.Value() => 1;
            int IRight.Value() => 2;
        }

        private sealed class LeftOnly : ILeft
        {
            public int Value() => 3;
        }

        private sealed class RightOnly : IRight
        {
            public int Value() => 4;
        }

        private sealed class BothShared : ILeft, IRight
        {
            public int Value() => 5;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static object MakeSided(int kind) => kind switch
        {
            0 => new Both(),
            1 => new LeftOnly(),
            2 => new RightOnly(),
            _ => new BothShared(),
        };

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int LeftValue(ILeft left) => left.Value();

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int RightValue(IRight right) => right.Value();

        private static void ExplicitImplementations()
        {
            Expect.Equal(1, LeftValue((ILeft)MakeSided(0)), "explicit ILeft");
            Expect.Equal(2, RightValue((IRight)MakeSided(0)), "explicit IRight");
            Expect.Equal(3, LeftValue((ILeft)MakeSided(1)), "left only");
            Expect.Equal(4, RightValue((IRight)MakeSided(2)), "right only");
            Expect.Equal(5, LeftValue((ILeft)MakeSided(3)), "one method for both (left)");
            Expect.Equal(5, RightValue((IRight)MakeSided(3)), "one method for both (right)");
        }

        private interface IBox<T>
        {
            T Get();
            void Set(T value);
        }

        private sealed class PlainBox<T> : IBox<T>
        {
            private T _value;
            public T Get() => _value;
            public void Set(T value) => _value = value;
        }

        private sealed class DoublingIntBox : IBox<int>
        {
            private int _value;
            public int Get() => _value * 2;
            public void Set(int value) => _value = value;
        }

        private sealed class PrefixStringBox : IBox<string>
        {
            private string _value;
            public string Get() => "<" + _value;
            public void Set(string value) => _value = value;
        }

        // A class implementing two instantiations of one generic interface.
        private sealed class TwoWayBox : IBox<int>, IBox<string>
        {
            int IBox<int>.Get() => 77;
            void IBox<int>.Set(int value) { }
            string IBox<string>.Get() => "two-way";
            void IBox<string>.Set(string value) { }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static IBox<int> MakeIntBox(int kind) => kind switch
        {
            0 => new PlainBox<int>(),
            1 => new DoublingIntBox(),
            _ => new TwoWayBox(),
        };

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static IBox<string> MakeStringBox(int kind) => kind switch
        {
            0 => new PlainBox<string>(),
            1 => new PrefixStringBox(),
            _ => new TwoWayBox(),
        };

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int RoundTrip(IBox<int> box, int value)
        {
            box.Set(value);
            return box.Get();
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static string RoundTrip(IBox<string> box, string value)
        {
            box.Set(value);
            return box.Get();
        }

        private static void GenericInterfaces()
        {
            Expect.Equal(21, RoundTrip(MakeIntBox(0), 21), "plain int box");
            Expect.Equal(42, RoundTrip(MakeIntBox(1), 21), "doubling int box");
            Expect.Equal(77, RoundTrip(MakeIntBox(2), 21), "IBox<int> of a two-way box");
            Expect.Equal("kernel", RoundTrip(MakeStringBox(0), "kernel"), "plain string box");
            Expect.Equal("<kernel", RoundTrip(MakeStringBox(1), "kernel"), "prefix string box");
            Expect.Equal("two-way", RoundTrip(MakeStringBox(2), "kernel"), "IBox<string> of a two-way box");
        }

        // Shared canonical code: one body serves every reference type T, so the interface type of the call
        // comes from the generic context at run time.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static T SwapThrough<T>(IBox<T> box, T value)
        {
            T old = box.Get();
            box.Set(value);
            return old;
        }

        private static void GenericInterfaceInSharedCode()
        {
            IBox<string> strings = MakeStringBox(0);
            strings.Set("first");
            Expect.Equal("first", SwapThrough(strings, "second"), "old string value");
            Expect.Equal("second", strings.Get(), "new string value");
            IBox<object> objects = new PlainBox<object>();
            object token = new object();
            objects.Set(token);
            Expect.Same(token, SwapThrough(objects, null), "old object value");
            IBox<int> ints = MakeIntBox(1);
            ints.Set(4);
            Expect.Equal(8, SwapThrough(ints, 5), "old int value (unshared instantiation)");
        }

        private interface IGreeter
        {
            int Base();
            int Doubled() => Base() * 2;
            int Tripled() => Base() * 3;
        }

        private sealed class DefaultGreeter : IGreeter
        {
            public int Base() => 10;
        }

        private sealed class OverridingGreeter : IGreeter
        {
            public int Base() => 1;
            public int Doubled() => -1;
        }

        private class BaseGreeter : IGreeter
        {
            public int Base() => 100;
        }

        private sealed class DerivedGreeter : BaseGreeter
        {
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static IGreeter MakeGreeter(int kind) => kind switch
        {
            0 => new DefaultGreeter(),
            1 => new OverridingGreeter(),
            _ => new DerivedGreeter(),
        };

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int Doubled(IGreeter greeter) => greeter.Doubled();

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int Tripled(IGreeter greeter) => greeter.Tripled();

        private static void DefaultInterfaceMethods()
        {
            Expect.Equal(20, Doubled(MakeGreeter(0)), "default method calls back into the class");
            Expect.Equal(30, Tripled(MakeGreeter(0)), "second default method");
            Expect.Equal(-1, Doubled(MakeGreeter(1)), "class implementation beats the default");
            Expect.Equal(3, Tripled(MakeGreeter(1)), "default still used where not implemented");
            Expect.Equal(200, Doubled(MakeGreeter(2)), "default through a base class");
        }

        // A default method of a generic interface needs its instantiation at run time (shared code over T).
        private interface ISource<T>
        {
            T First();
            T[] FirstTwice() => new[] { First(), First() };
        }

        private sealed class ListSource<T> : ISource<T>
        {
            private readonly T _value;
            public ListSource(T value) { _value = value; }
            public T First() => _value;
        }

        private sealed class EmptySource : ISource<string>
        {
            public string First() => "empty";
            public string[] FirstTwice() => new string[0];
        }

        private sealed class NumberSource : ISource<int>
        {
            public int First() => 7;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static ISource<string> MakeStringSource(bool empty) => empty ? new EmptySource() : new ListSource<string>("s");

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static ISource<int> MakeIntSource(bool fixedNumber) => fixedNumber ? new NumberSource() : new ListSource<int>(3);

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static T[] Twice<T>(ISource<T> source) => source.FirstTwice();

        private static void GenericDefaultInterfaceMethods()
        {
            string[] strings = Twice(MakeStringSource(false));
            Expect.Equal(2, strings.Length, "default method over a reference type");
            Expect.Equal("s", strings[1], "its value");
            Expect.True((object)strings is string[], "the array has the exact instantiation's type");
            Expect.Equal(0, Twice(MakeStringSource(true)).Length, "class implementation beats the default");
            Expect.Equal(7, Twice(MakeIntSource(true))[1], "default method over a value type");
            Expect.Equal(3, Twice(MakeIntSource(false))[0], "generic class over a value type");
        }

        private interface ICounter
        {
            int Next();
        }

        private struct StructCounter : ICounter
        {
            private int _count;
            public int Next() => ++_count;
        }

        private sealed class ClassCounter : ICounter
        {
            public int Next() => 1000;
        }

        private sealed class OtherCounter : ICounter
        {
            public int Next() => 2000;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static ICounter MakeCounter(int kind) => kind switch
        {
            0 => new StructCounter(),
            1 => new ClassCounter(),
            _ => new OtherCounter(),
        };

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int Next(ICounter counter) => counter.Next();

        private static void StructImplementation()
        {
            ICounter boxed = MakeCounter(0);
            Expect.Equal(1, Next(boxed), "first call on the boxed struct");
            Expect.Equal(2, Next(boxed), "the box's own copy is mutated");
            Expect.Equal(1000, Next(MakeCounter(1)), "class counter");
            Expect.Equal(2000, Next(MakeCounter(2)), "other counter");
        }

        private static void NullReceiverPanics()
        {
            Expect.True(KernelTestRunner.Probe(&CallOnNull) == ProbeOutcome.Panicked, "interface call on null panics");
            Expect.True(RuntimeTests.Contains(KernelTestRunner.LastFailure, "Object reference not set"), "panic names the null reference");
        }

        private static void CallOnNull() => AreaOf(null);
    }
}
