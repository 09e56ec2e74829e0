// Kernel tests of boxing and unboxing: primitives, enums (which unbox to their underlying type),
// structs with several fields, Nullable<T> (boxes to null or to a boxed T, and unboxes from either), and
// the InvalidCastException of a wrong unbox.
using System;
using System.Runtime.CompilerServices;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class BoxingTests
    {
        public static void Register(KernelTestList tests)
        {
            tests.Add("Boxing.Primitives", &Primitives);
            tests.Add("Boxing.Enums", &Enums);
            tests.Add("Boxing.StructWithSeveralFields", &StructWithSeveralFields);
            tests.Add("Boxing.NullableBoxing", &NullableBoxing);
            tests.Add("Boxing.NullableUnboxing", &NullableUnboxing);
            tests.Add("Boxing.WrongUnboxPanics", &WrongUnboxPanics);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static object Box<T>(T value) => value;

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static object Opaque(object value) => value;

        private static void Primitives()
        {
            object boxed = Box(1234);
            Expect.True(boxed is int, "boxed int is an int");
            Expect.False(boxed is long, "and not a long");
            Expect.Equal(1234, (int)boxed, "unbox");
            object big = Box(ulong.MaxValue);
            Expect.Equal(ulong.MaxValue, (ulong)big, "boxed ulong");
            object flag = Box(true);
            Expect.True((bool)flag, "boxed bool");
            object character = Box('z');
            Expect.True((char)character == 'z', "boxed char");
            Expect.True(boxed.Equals(Box(1234)), "Equals on boxed ints");
            Expect.False(boxed.Equals(Box(1235)), "Equals on different boxed ints");
            Expect.Equal(1234, boxed.GetHashCode(), "GetHashCode of a boxed int");
            Expect.False(ReferenceEquals(Box(1), Box(1)), "each box is a new object");
        }

        private enum Mode : short
        {
            Off = 0,
            On = 7,
        }

        private static void Enums()
        {
            object boxed = Box(Mode.On);
            Expect.True(boxed is Mode, "boxed enum keeps its type");
            Expect.True(boxed is Enum, "boxed enum is an Enum");
            Expect.True(boxed is ValueType, "boxed enum is a ValueType");
            Expect.True((Mode)boxed == Mode.On, "unbox to the enum");
            Expect.Equal(7, (short)boxed, "unbox an enum to its underlying type");
            Expect.True((Mode)Box((short)7) == Mode.On, "unbox the underlying type to the enum");
        }

        private struct Registers
        {
            public ulong Rip;
            public uint Flags;
            public byte Ring;
            public string Owner;
            public double Load;
        }

        private static void StructWithSeveralFields()
        {
            var registers = new Registers { Rip = 0xFFFF_8000_0010_0000, Flags = 0x202, Ring = 3, Owner = "init", Load = 0.5 };
            object boxed = Box(registers);
            registers.Ring = 0;
            Registers copy = (Registers)boxed;
            Expect.Equal(0xFFFF_8000_0010_0000, copy.Rip, "first field");
            Expect.Equal(0x202, copy.Flags, "second field");
            Expect.Equal(3, copy.Ring, "the box is a copy taken at boxing time");
            Expect.Equal("init", copy.Owner, "reference field");
            Expect.True(copy.Load == 0.5, "double field");
            Expect.True(boxed is Registers, "type test on the boxed struct");
        }

        private static void NullableBoxing()
        {
            int? some = 5;
            int? none = null;
            object boxedSome = Box(some);
            object boxedNone = Box(none);
            Expect.Null(boxedNone, "an empty Nullable boxes to null");
            Expect.True(boxedSome is int, "a full Nullable boxes to its value type, not to Nullable");
            Expect.Equal(5, (int)boxedSome, "boxed value");
            Registers? registers = new Registers { Rip = 9, Owner = "nullable" };
            object boxedRegisters = Box(registers);
            Expect.True(boxedRegisters is Registers, "Nullable of a struct with references");
            Expect.Equal("nullable", ((Registers)boxedRegisters).Owner, "its reference field");
            Expect.Equal(9, ((Registers)boxedRegisters).Rip, "its first field");
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static T? UnboxNullable<T>(object value) where T : struct => (T?)value;

        private static void NullableUnboxing()
        {
            long? fromValue = UnboxNullable<long>(Box(77L));
            Expect.True(fromValue.HasValue, "unbox a boxed long to long?");
            Expect.Equal(77, fromValue.Value, "its value");
            long? fromNull = UnboxNullable<long>(null);
            Expect.False(fromNull.HasValue, "unbox null to long? gives an empty Nullable");
            Registers? registers = UnboxNullable<Registers>(Box(new Registers { Ring = 1, Owner = "x" }));
            Expect.Equal(1, registers.Value.Ring, "unbox a struct to its Nullable");
            Expect.Equal("x", registers.Value.Owner, "with its reference field");
            Mode? mode = (Mode?)Opaque(Box(Mode.On));
            Expect.True(mode == Mode.On, "unbox an enum to its Nullable");
        }

        private static void WrongUnboxPanics()
        {
            Expect.True(KernelTestRunner.Probe(&UnboxIntAsLong) == ProbeOutcome.Panicked, "unboxing to the wrong type panics");
            Expect.True(RuntimeTests.Contains(KernelTestRunner.LastFailure, "Specified cast is not valid"), "InvalidCastException message");
            Expect.True(KernelTestRunner.Probe(&UnboxIntAsNullableLong) == ProbeOutcome.Panicked, "unboxing to the wrong Nullable panics");
        }

        private static void UnboxIntAsLong()
        {
            long value = (long)Box(1);
            Expect.Fail("unboxed an int as the long " + (value == 1 ? "1" : "garbage"));
        }

        private static void UnboxIntAsNullableLong()
        {
            long? value = UnboxNullable<long>(Box(1));
            Expect.Fail(value.HasValue ? "unboxed an int as long?" : "unboxed an int as an empty long?");
        }
    }
}
