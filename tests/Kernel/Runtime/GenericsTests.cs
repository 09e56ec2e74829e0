// Kernel tests of generics: one shared canonical body serving every reference type (its type-specific
// answers come from a generic dictionary at run time), separate unshared bodies per value type, static
// fields per instantiation, and the typeof(T) == typeof(X) pattern.
using System;
using System.Runtime.CompilerServices;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class GenericsTests
    {
        public static void Register(KernelTestList tests)
        {
            tests.Add("Generics.SharedCodeOverReferenceTypes", &SharedCodeOverReferenceTypes);
            tests.Add("Generics.UnsharedCodeOverValueTypes", &UnsharedCodeOverValueTypes);
            tests.Add("Generics.StaticFieldsPerInstantiation", &StaticFieldsPerInstantiation);
            tests.Add("Generics.DictionaryLookupsInSharedCode", &DictionaryLookupsInSharedCode);
            tests.Add("Generics.GenericMethodsOnGenericTypes", &GenericMethodsOnGenericTypes);
            tests.Add("Generics.TypeofComparisons", &TypeofComparisons);
            tests.Add("Generics.Constraints", &Constraints);
            tests.Add("Generics.StaticAbstractInterfaceMembers", &StaticAbstractInterfaceMembers);
        }

        private sealed class Stack<T>
        {
            private T[] _items = new T[2];
            private int _count;

            public int Count => _count;

            public void Push(T item)
            {
                if (_count == _items.Length)
                {
                    T[] larger = new T[_items.Length * 2];
                    for (int i = 0; i < _count; i++)
                        larger[i] = _items[i];
                    _items = larger;
                }
                _items[_count++] = item;
            }

            public T Pop() => _items[--_count];
        }

        private static void SharedCodeOverReferenceTypes()
        {
            var strings = new Stack<string>();
            var objects = new Stack<object>();
            strings.Push("a");
            strings.Push("b");
            strings.Push("c");
            object marker = new object();
            objects.Push(marker);
            Expect.Equal(3, strings.Count, "three strings pushed (array grown in shared code)");
            Expect.Equal("c", strings.Pop(), "last in, first out");
            Expect.Equal("b", strings.Pop(), "second");
            Expect.Same(marker, objects.Pop(), "object stack is separate");
        }

        private struct Pair
        {
            public long A;
            public int B;
        }

        private static void UnsharedCodeOverValueTypes()
        {
            var ints = new Stack<int>();
            var pairs = new Stack<Pair>();
            var bytes = new Stack<byte>();
            for (int i = 0; i < 10; i++)
                ints.Push(i * i);
            pairs.Push(new Pair { A = long.MaxValue, B = 7 });
            pairs.Push(new Pair { A = 1, B = 2 });
            bytes.Push(200);
            Expect.Equal(81, ints.Pop(), "int stack");
            Expect.Equal(2, pairs.Pop().B, "struct stack (top)");
            Pair bottom = pairs.Pop();
            Expect.Equal(long.MaxValue, bottom.A, "struct stack keeps all fields");
            Expect.Equal(7, bottom.B, "struct stack keeps all fields (second)");
            Expect.Equal(200, bytes.Pop(), "byte stack");
        }

        private static class Registry<T>
        {
            public static int Registrations;
            public static string LastName;

            public static void Register(string name)
            {
                Registrations++;
                LastName = name;
            }
        }

        private sealed class Driver
        {
        }

        private sealed class Device
        {
        }

        // Shared code touching a static of Registry<T> must find the right static base through its dictionary.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void RegisterShared<T>(string name) => Registry<T>.Register(name);

        private static void StaticFieldsPerInstantiation()
        {
            RegisterShared<Driver>("serial");
            RegisterShared<Driver>("ps2");
            RegisterShared<Device>("disk");
            Registry<int>.Register("number");
            Expect.Equal(2, Registry<Driver>.Registrations, "driver registrations");
            Expect.Equal("ps2", Registry<Driver>.LastName, "driver last name");
            Expect.Equal(1, Registry<Device>.Registrations, "device registrations");
            Expect.Equal("disk", Registry<Device>.LastName, "device last name");
            Expect.Equal(1, Registry<int>.Registrations, "value-type instantiation has its own statics");
        }

        private sealed class Box<T>
        {
            public T Value;
        }

        // Each line needs a type-specific answer in shared code: an array type, a constructed generic type, a
        // cast target and the type handle for typeof.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static T[] MakeArray<T>(int length) => new T[length];

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static Box<T> MakeBox<T>(T value) => new Box<T> { Value = value };

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static bool IsA<T>(object value) => value is T;

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static T CastTo<T>(object value) => (T)value;

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static Type TypeOf<T>() => typeof(T);

        private static void DictionaryLookupsInSharedCode()
        {
            string[] strings = MakeArray<string>(3);
            Expect.Equal(3, strings.Length, "array length");
            object[] asObjects = strings;
            Expect.True(asObjects is string[], "shared code allocated a string[], not an object[]");
            Box<string> box = MakeBox("held");
            Expect.Equal("held", box.Value, "constructed generic type from shared code");
            Expect.True((object)box is Box<string>, "box has the exact type");
            Expect.False((object)box is Box<object>, "and not another instantiation");
            Expect.True(IsA<string>("text"), "is T for T = string");
            Expect.False(IsA<Driver>("text"), "is T for an unrelated T");
            Expect.Equal("cast", CastTo<string>("cast"), "cast to T");
            Expect.True(TypeOf<string>() == typeof(string), "typeof(T) in shared code");
            Expect.Same(TypeOf<string>(), TypeObject(typeof(string)), "shared code finds the one Type object of string");
            Expect.False(TypeOf<Driver>() == typeof(Device), "different types differ");
        }

        private sealed class Mapper<TIn>
        {
            private readonly TIn _input;
            public Mapper(TIn input) { _input = input; }

            public TOut[] Fill<TOut>(TOut value, int count)
            {
                var result = new TOut[count];
                for (int i = 0; i < count; i++)
                    result[i] = value;
                return result;
            }

            public bool InputIs<TOther>() => _input is TOther;
        }

        private static void GenericMethodsOnGenericTypes()
        {
            var mapper = new Mapper<string>("in");
            string[] filled = mapper.Fill("x", 4);
            Expect.Equal(4, filled.Length, "generic method on a generic type");
            Expect.Equal("x", filled[3], "filled value");
            long[] numbers = new Mapper<object>(null).Fill(9L, 2);
            Expect.Equal(9, numbers[1], "value-type method argument on a shared type");
            Expect.True(mapper.InputIs<string>(), "class and method type parameters together");
            Expect.False(mapper.InputIs<Device>(), "class and method type parameters together (negative)");
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int SizeClass<T>()
        {
            if (typeof(T) == typeof(int))
                return 4;
            if (typeof(T) == typeof(long))
                return 8;
            if (typeof(T) == typeof(string))
                return -1;
            return 0;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static object TypeObject(Type type) => type;

        private static void TypeofComparisons()
        {
            Expect.Equal(4, SizeClass<int>(), "typeof(int)");
            Expect.Equal(8, SizeClass<long>(), "typeof(long)");
            Expect.Equal(-1, SizeClass<string>(), "typeof(string) in shared code");
            Expect.Equal(0, SizeClass<Driver>(), "other reference type in shared code");
            Expect.Equal(0, SizeClass<byte>(), "other value type");
            Expect.True(typeof(int) != typeof(uint), "different primitives");
            Expect.Same(TypeObject(typeof(int*)), TypeObject(typeof(int*)), "one Type object per pointer type");
            Expect.Same(TypeObject(typeof(string[])), TypeObject(typeof(string[])), "one Type object per array type");
            Expect.Same(TypeObject(typeof(IWeighted)), TypeObject(typeof(IWeighted)), "one Type object per interface");
            Expect.Same(TypeObject(typeof(Stack<>)), TypeObject(typeof(Stack<>)), "one Type object per generic definition");
            Expect.False(TypeObject(typeof(Stack<>)) == TypeObject(typeof(Stack<int>)), "definition and instantiation differ");
        }

        private interface IWeighted
        {
            int Weight { get; }
        }

        private sealed class Feather : IWeighted
        {
            public int Weight => 1;
        }

        private struct Anvil : IWeighted
        {
            public int Weight => 100;
        }

        private sealed class Brick : IWeighted
        {
            public int Weight => 5;
        }

        // Constrained calls: on a struct the call is direct (no boxing); on a class it goes through dispatch.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int TotalWeight<T>(T[] items) where T : IWeighted
        {
            int total = 0;
            foreach (T item in items)
                total += item.Weight;
            return total;
        }

        private static void Constraints()
        {
            Expect.Equal(3, TotalWeight(new[] { new Feather(), new Feather(), new Feather() }), "class constraint");
            Expect.Equal(200, TotalWeight(new[] { new Anvil(), new Anvil() }), "struct constraint");
            Expect.Equal(106, TotalWeight(new IWeighted[] { new Brick(), new Anvil(), new Feather() }), "interface-typed array");
        }

        private interface IIdentified
        {
            static abstract int Id { get; }
            static virtual string Kind => "default";
        }

        private sealed class Keyboard : IIdentified
        {
            public static int Id => 1;
        }

        private sealed class Mouse : IIdentified
        {
            public static int Id => 2;
            public static string Kind => "pointer";
        }

        private struct Timer : IIdentified
        {
            public static int Id => 3;
        }

        // Static interface members resolve per T: from the generic dictionary in shared code.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int IdOf<T>() where T : IIdentified => T.Id;

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static string KindOf<T>() where T : IIdentified => T.Kind;

        private static void StaticAbstractInterfaceMembers()
        {
            Expect.Equal(1, IdOf<Keyboard>(), "static abstract on a class (shared code)");
            Expect.Equal(2, IdOf<Mouse>(), "another class");
            Expect.Equal(3, IdOf<Timer>(), "static abstract on a struct");
            Expect.Equal("default", KindOf<Keyboard>(), "static virtual default");
            Expect.Equal("pointer", KindOf<Mouse>(), "static virtual implemented");
        }
    }
}
