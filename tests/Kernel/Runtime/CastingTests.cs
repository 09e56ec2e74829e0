// Kernel tests of type checks and casts: is/as/explicit casts along class hierarchies and to interfaces,
// InvalidCastException on a failing cast, array casts and covariance (a string[] seen as object[]),
// and ArrayTypeMismatchException when storing the wrong type into a covariant array.
using System;
using System.Runtime.CompilerServices;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class CastingTests
    {
        public static void Register(KernelTestList tests)
        {
            tests.Add("Casting.ClassHierarchy", &ClassHierarchy);
            tests.Add("Casting.Interfaces", &Interfaces);
            tests.Add("Casting.FailingCastPanics", &FailingCastPanics);
            tests.Add("Casting.FailingInterfaceCastPanics", &FailingInterfaceCastPanics);
            tests.Add("Casting.Arrays", &Arrays);
            tests.Add("Casting.ArrayCovariance", &ArrayCovariance);
            tests.Add("Casting.CovariantStoreMismatchPanics", &CovariantStoreMismatchPanics);
            tests.Add("Casting.NullCasts", &NullCasts);
        }

        private class Device { }

        private class BlockDevice : Device { }

        private sealed class Disk : BlockDevice, IDisposable
        {
            public void Dispose() { }
        }

        private sealed class Keyboard : Device { }

        private interface IReadable { }

        private interface IWritable { }

        private sealed class File : IReadable, IWritable { }

        private sealed class Pipe : IReadable { }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static object Opaque(object value) => value;

        private static void ClassHierarchy()
        {
            object disk = Opaque(new Disk());
            Expect.True(disk is Device, "disk is a Device (two levels up)");
            Expect.True(disk is BlockDevice, "disk is a BlockDevice");
            Expect.False(disk is Keyboard, "disk is not a Keyboard");
            Expect.Null(disk as Keyboard, "as returns null on mismatch");
            Expect.Same(disk, disk as BlockDevice, "as returns the object on match");
            Device device = (Device)disk;
            Expect.Same(disk, (Disk)device, "downcast back to the exact type");
            Expect.True(Opaque(new Keyboard()) is Device, "sibling class");
            Expect.False(Opaque(new Device()) is BlockDevice, "a base is not its derived type");
            Expect.True(disk is object, "everything is an object");
        }

        private static void Interfaces()
        {
            object file = Opaque(new File());
            object pipe = Opaque(new Pipe());
            Expect.True(file is IReadable && file is IWritable, "file implements both");
            Expect.True(pipe is IReadable, "pipe is readable");
            Expect.False(pipe is IWritable, "pipe is not writable");
            Expect.Null(pipe as IWritable, "as interface returns null on mismatch");
            Expect.True(Opaque(new Disk()) is IDisposable, "interface implemented by a derived class");
            Expect.False(Opaque(new Keyboard()) is IDisposable, "interface not implemented");
            Expect.False(Opaque("text") is IReadable, "string does not implement a test interface");
        }

        private static void FailingCastPanics()
        {
            Expect.True(KernelTestRunner.Probe(&CastKeyboardToDisk) == ProbeOutcome.Panicked, "invalid class cast panics");
            Expect.True(RuntimeTests.Contains(KernelTestRunner.LastFailure, "Specified cast is not valid"), "InvalidCastException message");
        }

        private static void CastKeyboardToDisk()
        {
            Disk disk = (Disk)Opaque(new Keyboard());
            Expect.Fail(disk is null ? "cast gave null" : "cast succeeded");
        }

        private static void FailingInterfaceCastPanics()
        {
            Expect.True(KernelTestRunner.Probe(&CastPipeToWritable) == ProbeOutcome.Panicked, "invalid interface cast panics");
            Expect.True(RuntimeTests.Contains(KernelTestRunner.LastFailure, "Specified cast is not valid"), "InvalidCastException message");
        }

        private static void CastPipeToWritable()
        {
            IWritable writable = (IWritable)Opaque(new Pipe());
            Expect.Fail(writable is null ? "cast gave null" : "cast succeeded");
        }

        private enum Level : int
        {
            Low,
        }

        private static void Arrays()
        {
            object ints = Opaque(new int[3]);
            Expect.True(ints is int[], "int[] is int[]");
            Expect.True(ints is uint[], "int[] is a uint[] (same-size integers, as in the CLI)");
            Expect.False(ints is long[], "int[] is not a long[]");
            Expect.False(ints is object[], "int[] is not object[] (no covariance for value types)");
            Expect.True(ints is Array, "every array is an Array");
            Expect.False(Opaque(new Disk[1]) is Keyboard[], "unrelated element types");
            Expect.True(Opaque(new Disk[1]) is Device[], "array of derived is array of base");
            Expect.True(Opaque(new File[1]) is IReadable[], "array of implementers is array of the interface");
            Expect.False(Opaque(new Pipe[1]) is IWritable[], "but not of an unimplemented interface");
            Expect.True(Opaque(new Level[1]) is int[], "enum array is an array of its underlying type");
            Expect.True(Opaque(new int[2, 2]) is int[,], "multi-dimensional array of the same rank");
            Expect.False(Opaque(new int[2, 2]) is int[], "multi-dimensional array is not one-dimensional");
            Expect.True(Opaque(new string[1, 1]) is object[,], "covariance for multi-dimensional arrays");
        }

        private static void ArrayCovariance()
        {
            object[] objects = new string[2];
            objects[0] = "fits";
            objects[1] = null;
            Expect.Equal("fits", (string)objects[0], "store of the right type into a covariant array");
            Device[] devices = new BlockDevice[1];
            devices[0] = new Disk();
            Expect.True(devices[0] is Disk, "store of a more derived type");
        }

        private static void CovariantStoreMismatchPanics()
        {
            Expect.True(KernelTestRunner.Probe(&StoreObjectIntoStringArray) == ProbeOutcome.Panicked, "wrong store panics");
            Expect.True(RuntimeTests.Contains(KernelTestRunner.LastFailure, "incompatible with the array"), "ArrayTypeMismatchException message");
            Expect.True(KernelTestRunner.Probe(&StoreKeyboardIntoBlockDevices) == ProbeOutcome.Panicked, "sibling store panics");
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static object[] MakeStrings() => new string[1];

        private static void StoreObjectIntoStringArray()
        {
            object[] objects = MakeStrings();
            objects[0] = new object();
            Expect.Fail("stored an object into a string[]");
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static Device[] MakeBlockDevices() => new BlockDevice[1];

        private static void StoreKeyboardIntoBlockDevices()
        {
            Device[] devices = MakeBlockDevices();
            devices[0] = new Keyboard();
            Expect.Fail("stored a Keyboard into a BlockDevice[]");
        }

        private static void NullCasts()
        {
            object nothing = Opaque(null);
            Expect.False(nothing is Device, "null is not an instance of anything");
            Expect.Null((Disk)nothing, "casting null succeeds and gives null");
            Expect.Null((IReadable)nothing, "casting null to an interface gives null");
            Expect.Null(nothing as string, "as on null");
        }
    }
}
