// Kernel tests of the basic object model: classes with fields and constructors, inheritance and virtual
// dispatch through the vtable, abstract members, structs (copy semantics, methods) and enums.
using System.Runtime.CompilerServices;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class ObjectModelTests
    {
        public static void Register(KernelTestList tests)
        {
            tests.Add("ObjectModel.ClassFieldsAndConstructors", &ClassFieldsAndConstructors);
            tests.Add("ObjectModel.VirtualAndAbstractMethods", &VirtualAndAbstractMethods);
            tests.Add("ObjectModel.BaseCalls", &BaseCalls);
            tests.Add("ObjectModel.StructsAreCopied", &StructsAreCopied);
            tests.Add("ObjectModel.StructMethodsAndProperties", &StructMethodsAndProperties);
            tests.Add("ObjectModel.Enums", &Enums);
            tests.Add("ObjectModel.ObjectVirtuals", &ObjectVirtuals);
        }

        private class Account
        {
            private static int s_created;
            public readonly int Id;
            public long Balance { get; private set; }

            public Account(long opening)
            {
                Id = ++s_created;
                Balance = opening;
            }

            public void Deposit(long amount) => Balance += amount;
        }

        private static void ClassFieldsAndConstructors()
        {
            var first = new Account(100);
            var second = new Account(5);
            first.Deposit(23);
            Expect.Equal(123, first.Balance, "balance after deposit");
            Expect.Equal(5, second.Balance, "other object untouched");
            Expect.True(second.Id == first.Id + 1, "constructor ran once per object");
        }

        private abstract class Animal
        {
            public abstract int Legs { get; }
            public virtual int Sound() => 0;
            public int Describe() => Legs * 100 + Sound();
        }

        private class Dog : Animal
        {
            public override int Legs => 4;
            public override int Sound() => 1;
        }

        private sealed class Puppy : Dog
        {
            public override int Sound() => base.Sound() + 1;
        }

        private sealed class Bird : Animal
        {
            public override int Legs => 2;
        }

        private sealed class Snake : Animal
        {
            public override int Legs => 0;
            public override int Sound() => 9;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static Animal MakeAnimal(int kind) => kind switch
        {
            0 => new Dog(),
            1 => new Puppy(),
            2 => new Bird(),
            _ => new Snake(),
        };

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int Describe(Animal animal) => animal.Describe();

        private static void VirtualAndAbstractMethods()
        {
            Expect.Equal(401, Describe(MakeAnimal(0)), "dog");
            Expect.Equal(402, Describe(MakeAnimal(1)), "puppy overrides an override");
            Expect.Equal(200, Describe(MakeAnimal(2)), "bird keeps the base virtual");
            Expect.Equal(9, Describe(MakeAnimal(3)), "snake");
        }

        private class Counter
        {
            protected int Count;
            public virtual void Add(int value) => Count += value;
            public int Total => Count;
        }

        private sealed class DoubleCounter : Counter
        {
            public override void Add(int value)
            {
                base.Add(value);
                base.Add(value);
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static Counter MakeCounter(bool doubling) => doubling ? new DoubleCounter() : new Counter();

        private static void BaseCalls()
        {
            Counter counter = MakeCounter(true);
            counter.Add(3);
            counter.Add(4);
            Expect.Equal(14, counter.Total, "override calls the base twice");
            Counter plain = MakeCounter(false);
            plain.Add(3);
            Expect.Equal(3, plain.Total, "base alone");
        }

        private struct Point
        {
            public int X;
            public int Y;

            public Point(int x, int y)
            {
                X = x;
                Y = y;
            }

            public readonly int ManhattanLength => (X < 0 ? -X : X) + (Y < 0 ? -Y : Y);

            public void Translate(int dx, int dy)
            {
                X += dx;
                Y += dy;
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void MoveCopy(Point point) => point.Translate(100, 100);

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void MoveInPlace(ref Point point) => point.Translate(100, 100);

        private static void StructsAreCopied()
        {
            var a = new Point(1, 2);
            Point b = a;
            b.X = 50;
            Expect.Equal(1, a.X, "assignment copies");
            MoveCopy(a);
            Expect.Equal(1, a.X, "by-value argument is a copy");
            MoveInPlace(ref a);
            Expect.Equal(101, a.X, "by-ref argument is the original");
            Point[] points = new Point[2];
            points[1].Translate(3, 4);
            Expect.Equal(7, points[1].ManhattanLength, "array elements are mutated in place");
        }

        private struct Rectangle
        {
            public Point TopLeft;
            public Point BottomRight;
            public long Tag;

            public readonly int Width => BottomRight.X - TopLeft.X;
            public readonly int Height => BottomRight.Y - TopLeft.Y;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static Rectangle MakeRectangle(int size) => new Rectangle
        {
            TopLeft = new Point(-size, -size),
            BottomRight = new Point(size, 2 * size),
            Tag = 0x1122334455667788,
        };

        private static void StructMethodsAndProperties()
        {
            Rectangle r = MakeRectangle(5);
            Expect.Equal(10, r.Width, "width");
            Expect.Equal(15, r.Height, "height");
            Expect.Equal(0x1122334455667788, r.Tag, "large struct returned intact");
            Expect.Equal(10, r.TopLeft.ManhattanLength, "nested struct");
        }

        private enum Colour : byte
        {
            Red = 1,
            Green = 2,
            Blue = 4,
        }

        [System.Flags]
        private enum Access : uint
        {
            None = 0,
            Read = 1,
            Write = 2,
            Execute = 0x8000_0000,
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static Colour Next(Colour colour) => colour switch
        {
            Colour.Red => Colour.Green,
            Colour.Green => Colour.Blue,
            _ => Colour.Red,
        };

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static Access Grant(Access current, Access extra) => current | extra;

        private static void Enums()
        {
            Expect.True(Next(Colour.Red) == Colour.Green, "switch over an enum");
            Expect.Equal(1, (long)Next(Colour.Blue), "enum to integer");
            Expect.Equal(1, sizeof(Colour), "byte-backed enum has size 1");
            Access access = Grant(Access.Read, Access.Execute);
            Expect.True((access & Access.Execute) != 0, "flag set");
            Expect.True((access & Access.Write) == 0, "flag clear");
            Expect.Equal(0x8000_0001UL, (ulong)access, "flags value");
        }

        private sealed class Named
        {
            private readonly string _name;
            public Named(string name) { _name = name; }
            public override string ToString() => _name;
            public override bool Equals(object obj) => obj is Named other && other._name == _name;
            public override int GetHashCode() => _name.Length;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static object Opaque(object value) => value;

        private static void ObjectVirtuals()
        {
            object a = Opaque(new Named("kernel"));
            object b = Opaque(new Named("kernel"));
            object c = Opaque(new Named("user"));
            Expect.Equal("kernel", a.ToString(), "ToString override through object");
            Expect.True(a.Equals(b), "Equals override: equal");
            Expect.False(a.Equals(c), "Equals override: different");
            Expect.Equal(6, a.GetHashCode(), "GetHashCode override");
            object plain = Opaque(new object());
            Expect.True(plain.Equals(plain), "object.Equals is identity");
            Expect.False(plain.Equals(Opaque(new object())), "distinct objects differ");
        }
    }
}
