// Kernel tests of generic virtual methods, which reach ilc already devirtualised by tools/GvmRewriter:
// overrides at several levels picked through a base reference, two slots with the same instantiation,
// value-type (unshared) and reference-type (shared) instantiations, abstract slots, interface slots with
// implicit, explicit and default implementations (also on a boxed struct), several arguments and a
// return value, base calls, sealed receivers, a null receiver, and slots of generic classes and
// interfaces (implemented in generic types over the same parameters and in closed instantiations).
using System.Runtime.CompilerServices;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class GenericVirtualMethodTests
    {
        public static void Register(KernelTestList tests)
        {
            tests.Add("GenericVirtualMethods.MostDerivedOverrideThroughBaseReference", &MostDerivedOverrideThroughBaseReference);
            tests.Add("GenericVirtualMethods.TwoSlotsWithTheSameInstantiation", &TwoSlotsWithTheSameInstantiation);
            tests.Add("GenericVirtualMethods.ValueAndReferenceTypeInstantiations", &ValueAndReferenceTypeInstantiations);
            tests.Add("GenericVirtualMethods.CallFromSharedGenericCode", &CallFromSharedGenericCode);
            tests.Add("GenericVirtualMethods.AbstractSlot", &AbstractSlot);
            tests.Add("GenericVirtualMethods.InterfaceImplicitAndExplicit", &InterfaceImplicitAndExplicit);
            tests.Add("GenericVirtualMethods.InterfaceDefaultImplementation", &InterfaceDefaultImplementation);
            tests.Add("GenericVirtualMethods.InterfaceOnBoxedStruct", &InterfaceOnBoxedStruct);
            tests.Add("GenericVirtualMethods.ReturnValueAndSeveralArguments", &ReturnValueAndSeveralArguments);
            tests.Add("GenericVirtualMethods.BaseCallFromOverride", &BaseCallFromOverride);
            tests.Add("GenericVirtualMethods.SealedReceiver", &SealedReceiver);
            tests.Add("GenericVirtualMethods.NullReceiverThrows", &NullReceiverThrows);
            tests.Add("GenericVirtualMethods.SlotOfAGenericClass", &SlotOfAGenericClass);
            tests.Add("GenericVirtualMethods.SlotOfAGenericInterface", &SlotOfAGenericInterface);
        }

        // A distinct number per type argument, so a test sees which instantiation ran.
        private static int Kind<T>() =>
            typeof(T) == typeof(int) ? 1 : typeof(T) == typeof(long) ? 2 : typeof(T) == typeof(string) ? 3 : typeof(T) == typeof(object) ? 4 : 9;

        private class Shape
        {
            public virtual int Measure<T>() => 100 + Kind<T>();
        }

        private class Square : Shape
        {
            public override int Measure<T>() => 200 + Kind<T>();
        }

        private class SmallSquare : Square
        {
            public override int Measure<T>() => 300 + Kind<T>();
        }

        private sealed class Circle : Shape
        {
        }

        private sealed class TinySquare : SmallSquare
        {
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static Shape MakeShape(int kind) => kind switch
        {
            0 => new Shape(),
            1 => new Square(),
            2 => new SmallSquare(),
            3 => new Circle(),
            _ => new TinySquare(),
        };

        private static void MostDerivedOverrideThroughBaseReference()
        {
            Expect.Equal(101, MakeShape(0).Measure<int>(), "the base's own body");
            Expect.Equal(201, MakeShape(1).Measure<int>(), "first-level override");
            Expect.Equal(301, MakeShape(2).Measure<int>(), "second-level override");
            Expect.Equal(101, MakeShape(3).Measure<int>(), "a class without an override inherits the base's");
            Expect.Equal(301, MakeShape(4).Measure<int>(), "a class without an override inherits the nearest one");
        }

        private class TwoSlots
        {
            public virtual int First<T>() => 10 + Kind<T>();
            public virtual int Second<T>() => 20 + Kind<T>();
        }

        private sealed class TwoSlotsOverridden : TwoSlots
        {
            public override int First<T>() => 30 + Kind<T>();
            public override int Second<T>() => 40 + Kind<T>();
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static TwoSlots MakeTwoSlots(bool overridden) => overridden ? new TwoSlotsOverridden() : new TwoSlots();

        private static void TwoSlotsWithTheSameInstantiation()
        {
            TwoSlots plain = MakeTwoSlots(false);
            TwoSlots overridden = MakeTwoSlots(true);
            Expect.Equal(11, plain.First<int>(), "First<int>");
            Expect.Equal(21, plain.Second<int>(), "Second<int> is another slot");
            Expect.Equal(31, overridden.First<int>(), "overridden First<int>");
            Expect.Equal(41, overridden.Second<int>(), "overridden Second<int>");
        }

        private class Echo
        {
            public virtual T Back<T>(T value) => value;
        }

        private sealed class Doubling : Echo
        {
            public override T Back<T>(T value)
            {
                if (typeof(T) == typeof(int))
                    return (T)(object)((int)(object)value * 2);
                if (typeof(T) == typeof(long))
                    return (T)(object)((long)(object)value * 2);
                if (typeof(T) == typeof(string))
                    return (T)(object)string.Concat((string)(object)value, (string)(object)value);
                return value;
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static Echo MakeEcho(bool doubling) => doubling ? new Doubling() : new Echo();

        private static void ValueAndReferenceTypeInstantiations()
        {
            Echo echo = MakeEcho(false);
            Echo doubling = MakeEcho(true);
            Expect.Equal(7, echo.Back(7), "int through the base");
            Expect.Equal(14, doubling.Back(7), "int (unshared code)");
            Expect.Equal(10000000000L, doubling.Back(5000000000L), "long (unshared code)");
            Expect.Equal("abab", doubling.Back("ab"), "string (shared code)");
            object marker = new object();
            Expect.Same(marker, doubling.Back(marker), "object (shared code)");
            Expect.Equal("ab", echo.Back("ab"), "string through the base");
        }

        // The call site is itself shared canonical code: the dispatcher's instantiation comes from T.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int MeasureFromSharedCode<T>(Shape shape) => shape.Measure<T>();

        private static void CallFromSharedGenericCode()
        {
            Expect.Equal(303, MeasureFromSharedCode<string>(MakeShape(2)), "string from shared code");
            Expect.Equal(104, MeasureFromSharedCode<object>(MakeShape(0)), "object from shared code");
            Expect.Equal(202, MeasureFromSharedCode<long>(MakeShape(1)), "long from unshared code");
        }

        private abstract class Visitor
        {
            public abstract int Visit<T>(T item);
        }

        private sealed class CountingVisitor : Visitor
        {
            public override int Visit<T>(T item) => 1000 + Kind<T>();
        }

        private sealed class NullCheckingVisitor : Visitor
        {
            public override int Visit<T>(T item) => item == null ? 0 : 2000 + Kind<T>();
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static Visitor MakeVisitor(bool counting) => counting ? new CountingVisitor() : new NullCheckingVisitor();

        private static void AbstractSlot()
        {
            Expect.Equal(1003, MakeVisitor(true).Visit("x"), "counting visitor, string");
            Expect.Equal(2001, MakeVisitor(false).Visit(5), "null-checking visitor, int");
            Expect.Equal(0, MakeVisitor(false).Visit<string>(null), "null-checking visitor, null string");
        }

        private interface IConverter
        {
            int Convert<T>(T value);
        }

        private sealed class ImplicitConverter : IConverter
        {
            public int Convert<T>(T value) => 500 + Kind<T>();
        }

        private sealed class ExplicitConverter : IConverter
        {
            int IConverter.Convert<T>(T value) => 600 + Kind<T>();
        }

        private class VirtualConverter : IConverter
        {
            public virtual int Convert<T>(T value) => 700 + Kind<T>();
        }

        private sealed class DerivedConverter : VirtualConverter
        {
            public override int Convert<T>(T value) => 800 + Kind<T>();
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static IConverter MakeConverter(int kind) => kind switch
        {
            0 => new ImplicitConverter(),
            1 => new ExplicitConverter(),
            2 => new VirtualConverter(),
            _ => new DerivedConverter(),
        };

        private static void InterfaceImplicitAndExplicit()
        {
            Expect.Equal(501, MakeConverter(0).Convert(1), "implicit implementation, int");
            Expect.Equal(503, MakeConverter(0).Convert("s"), "implicit implementation, string");
            Expect.Equal(601, MakeConverter(1).Convert(1), "explicit implementation, int");
            Expect.Equal(604, MakeConverter(1).Convert(new object()), "explicit implementation, object");
            Expect.Equal(702, MakeConverter(2).Convert(1L), "virtual implementation");
            Expect.Equal(802, MakeConverter(3).Convert(1L), "override of a virtual implementation in a derived class");
        }

        private interface IGreeter
        {
            int Greet<T>() => 40 + Kind<T>();
        }

        private sealed class DefaultGreeter : IGreeter
        {
        }

        private sealed class OwnGreeter : IGreeter
        {
            public int Greet<T>() => 50 + Kind<T>();
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static IGreeter MakeGreeter(bool own) => own ? new OwnGreeter() : new DefaultGreeter();

        private static void InterfaceDefaultImplementation()
        {
            Expect.Equal(41, MakeGreeter(false).Greet<int>(), "default implementation, int");
            Expect.Equal(43, MakeGreeter(false).Greet<string>(), "default implementation, string");
            Expect.Equal(51, MakeGreeter(true).Greet<int>(), "class implementation");
        }

        private struct Offset : IConverter
        {
            public int Base;

            public int Convert<T>(T value) => Base + Kind<T>();
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static IConverter Box(Offset offset) => offset;

        private static void InterfaceOnBoxedStruct()
        {
            Expect.Equal(903, Box(new Offset { Base = 900 }).Convert("s"), "struct implementation on the boxed copy");
        }

        private class Combiner
        {
            public virtual TResult Combine<T1, T2, TResult>(T1 first, T2 second, TResult fallback, int extra) => fallback;
        }

        private sealed class CountingCombiner : Combiner
        {
            public override TResult Combine<T1, T2, TResult>(T1 first, T2 second, TResult fallback, int extra)
            {
                if (typeof(TResult) == typeof(long))
                    return (TResult)(object)(long)(Kind<T1>() * 100 + Kind<T2>() * 10 + extra);
                return fallback;
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static Combiner MakeCombiner(bool counting) => counting ? new CountingCombiner() : new Combiner();

        private static void ReturnValueAndSeveralArguments()
        {
            Expect.Equal(137L, MakeCombiner(true).Combine(1, "two", 0L, 7), "int, string -> long with an extra int");
            Expect.Equal(-1L, MakeCombiner(false).Combine(1, "two", -1L, 7), "base returns the fallback");
            Expect.Equal("f", MakeCombiner(true).Combine(1L, new object(), "f", 7), "string result passes through");
        }

        private class Layer
        {
            public virtual int Depth<T>() => 1 + Kind<T>() * 100;
        }

        private class InnerLayer : Layer
        {
            public override int Depth<T>() => base.Depth<T>() + 10;
        }

        private sealed class InnermostLayer : InnerLayer
        {
            public override int Depth<T>() => base.Depth<T>() + 1000;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static Layer MakeLayer() => new InnermostLayer();

        private static void BaseCallFromOverride()
        {
            Expect.Equal(1311, MakeLayer().Depth<string>(), "each override adds to its base's answer");
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static Circle MakeCircle() => new Circle();

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static TinySquare MakeTinySquare() => new TinySquare();

        private static void SealedReceiver()
        {
            Expect.Equal(102, MakeCircle().Measure<long>(), "sealed class inheriting the base's body");
            Expect.Equal(304, MakeTinySquare().Measure<object>(), "sealed class inheriting an override");
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static Shape NoShape() => null;

        private static void MeasureNothing() => NoShape().Measure<int>();

        private static void NullReceiverThrows()
        {
            Expect.Equal((long)ProbeOutcome.Panicked, (long)KernelTestRunner.Probe(&MeasureNothing), "a null receiver does not return");
            Expect.True(RuntimeTests.Contains(KernelTestRunner.LastFailure, "Object reference not set"), "it throws NullReferenceException");
        }
    
        private abstract class Node<TValue>
        {
            public abstract int Accept<T>(TValue value);

            public virtual int Name<T>() => 10 + Kind<TValue>() * 10 + Kind<T>();
        }

        private class Leaf<TValue> : Node<TValue>
        {
            public override int Accept<T>(TValue value) => 1000 + Kind<TValue>() * 10 + Kind<T>();
        }

        private sealed class IntLeaf : Node<int>
        {
            public override int Accept<T>(int value) => 2000 + value * 10 + Kind<T>();

            public override int Name<T>() => 90 + Kind<T>();
        }

        private sealed class TextLeaf : Leaf<string>
        {
            public override int Accept<T>(string value) => 3000 + value.Length * 10 + Kind<T>();
        }

        // Shared code over TValue and T: the dispatcher's instantiation comes from both.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int AcceptFromSharedCode<TValue, T>(Node<TValue> node, TValue value) => node.Accept<T>(value);

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static Node<int> MakeIntNode(bool closed) => closed ? new IntLeaf() : new Leaf<int>();

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static Node<string> MakeStringNode(bool derived) => derived ? new TextLeaf() : new Leaf<string>();

        private static void SlotOfAGenericClass()
        {
            Expect.Equal(1013, MakeIntNode(false).Accept<string>(5), "generic override over the same parameter, int");
            Expect.Equal(2053, MakeIntNode(true).Accept<string>(5), "override in a closed instantiation (Node<int>)");
            Expect.Equal(1031, MakeStringNode(false).Accept<int>("ab"), "generic override, string");
            Expect.Equal(3021, MakeStringNode(true).Accept<int>("ab"), "override of Leaf<string> in a derived class");
            Expect.Equal(3024, AcceptFromSharedCode<string, object>(MakeStringNode(true), "ab"), "from shared code");
            Expect.Equal(2072, AcceptFromSharedCode<int, long>(MakeIntNode(true), 7), "from unshared code");
            Expect.Equal(23, MakeIntNode(false).Name<string>(), "base body over Node<int>");
            Expect.Equal(93, MakeIntNode(true).Name<string>(), "closed instantiation's override");
            Expect.Equal(41, MakeStringNode(true).Name<int>(), "base body over Node<string>");
        }

        private interface IFolder<TSeed>
        {
            TSeed Fold<T>(TSeed seed, T item);
        }

        private sealed class Adder : IFolder<int>
        {
            public int Fold<T>(int seed, T item) => seed + Kind<T>();
        }

        private sealed class Keeper<TSeed> : IFolder<TSeed>
        {
            public TSeed Fold<T>(TSeed seed, T item) => seed;
        }

        private sealed class Appender : IFolder<string>
        {
            string IFolder<string>.Fold<T>(string seed, T item) => string.Concat(seed, "+");
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static IFolder<int> MakeIntFolder(bool adding) => adding ? new Adder() : new Keeper<int>();

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static IFolder<string> MakeStringFolder(bool appending) => appending ? new Appender() : new Keeper<string>();

        private static void SlotOfAGenericInterface()
        {
            Expect.Equal(103, MakeIntFolder(true).Fold(100, "s"), "closed implementation (IFolder<int>)");
            Expect.Equal(100, MakeIntFolder(false).Fold(100, "s"), "generic implementation over int");
            Expect.Equal("a+", MakeStringFolder(true).Fold("a", 1), "explicit closed implementation (IFolder<string>)");
            Expect.Equal("a", MakeStringFolder(false).Fold("a", 1), "generic implementation over string");
        }
    }
}
