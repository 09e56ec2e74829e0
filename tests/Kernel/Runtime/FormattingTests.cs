// Kernel tests of ToString and of $"..." into a string (DefaultInterpolatedStringHandler): integers in
// decimal and hex with .NET-style formats, char, bool, enums (their number: no names without metadata),
// and Object.ToString naming the type through the kernel's symbol table.
using System;
using System.Runtime.CompilerServices;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class FormattingTests
    {
        public static void Register(KernelTestList tests)
        {
            tests.Add("Formatting.IntegersToString", &IntegersToString);
            tests.Add("Formatting.IntegerFormatStrings", &IntegerFormatStrings);
            tests.Add("Formatting.CharBoolAndEnum", &CharBoolAndEnum);
            tests.Add("Formatting.InterpolationBuildsAString", &InterpolationBuildsAString);
            tests.Add("Formatting.ObjectToStringNamesTheType", &ObjectToStringNamesTheType);
            tests.Add("Formatting.BadFormatPanics", &BadFormatPanics);
        }

        private enum Colour : short
        {
            Red = 1,
            Blue = -3,
        }

        private sealed class Widget
        {
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static T Opaque<T>(T value) => value;

        private static void IntegersToString()
        {
            Expect.Equal("42", Opaque(42).ToString(), "int");
            Expect.Equal("-7", Opaque(-7).ToString(), "negative int");
            Expect.Equal("0", Opaque(0).ToString(), "zero");
            Expect.Equal("-2147483648", Opaque(int.MinValue).ToString(), "int.MinValue");
            Expect.Equal("-9223372036854775808", Opaque(long.MinValue).ToString(), "long.MinValue");
            Expect.Equal("18446744073709551615", Opaque(ulong.MaxValue).ToString(), "ulong.MaxValue");
            Expect.Equal("200", Opaque((byte)200).ToString(), "byte");
            Expect.Equal("-128", Opaque((sbyte)-128).ToString(), "sbyte");
        }

        private static void IntegerFormatStrings()
        {
            Expect.Equal("ff", Opaque(255).ToString("x"), "hex");
            Expect.Equal("00FF", Opaque(255).ToString("X4"), "upper hex, 4 digits");
            Expect.Equal("ffffffff", Opaque(-1).ToString("x"), "hex of a negative int is its bit pattern");
            Expect.Equal("ff", Opaque((sbyte)-1).ToString("x"), "sbyte bit pattern");
            Expect.Equal("00042", Opaque(42).ToString("D5"), "zero-padded decimal");
            Expect.Equal("-00042", Opaque(-42).ToString("D5"), "zero-padded negative decimal");
        }

        private static void CharBoolAndEnum()
        {
            Expect.Equal("Q", Opaque('Q').ToString(), "char");
            Expect.Equal("True", Opaque(true).ToString(), "bool");
            Expect.Equal("1", Opaque(Colour.Red).ToString(), "enum shows its number");
            Expect.Equal("-3", ((object)Opaque(Colour.Blue)).ToString(), "boxed enum with a signed underlying type");
        }

        private static void InterpolationBuildsAString()
        {
            int x = Opaque(42);
            long y = Opaque(-7L);
            string s = Opaque("str");
            string built = $"x={x} y={y} h={Opaque(255):x4} s={s} c={Opaque('c')} b={Opaque(true)} e={Opaque(Colour.Red)}";
            Expect.Equal("x=42 y=-7 h=00ff s=str c=c b=True e=1", built, "interpolated string");
            string longer = $"{new string('a', 40)}{x}{new string('b', 40)}";
            Expect.Equal(82, longer.Length, "the buffer grows past its first estimate");
        }

        private static void ObjectToStringNamesTheType()
        {
            Expect.Equal("MinimalOS.Kernel.Tests.FormattingTests.Widget", new Widget().ToString(), "a kernel class");
            Expect.Equal("System.Object", new object().ToString(), "System.Object");
        }

        private static void BadFormatPanics()
        {
            Expect.True(KernelTestRunner.Probe(&FormatWithBadSpecifier) == ProbeOutcome.Panicked, "an unsupported format throws");
            Expect.True(RuntimeTests.Contains(KernelTestRunner.LastFailure, "FormatException"), "as a FormatException");
        }

        private static void FormatWithBadSpecifier() => Opaque(5).ToString("N2");
    }
}
