// Kernel tests of strings: literals (frozen objects in the image), Length and the bounds-checked indexer,
// equality, Concat (allocates), foreach over characters, and interpolation into the kernel log's
// allocation-free handler, checked through a capturing log sink.
using System;
using System.Runtime.CompilerServices;
using MinimalOS.Kernel.Logging;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class StringTests
    {
        public static void Register(KernelTestList tests)
        {
            tests.Add("Strings.LiteralsLengthAndIndexer", &LiteralsLengthAndIndexer);
            tests.Add("Strings.IndexOutOfRangePanics", &IndexOutOfRangePanics);
            tests.Add("Strings.Equality", &Equality);
            tests.Add("Strings.Concat", &Concat);
            tests.Add("Strings.Foreach", &Foreach);
            tests.Add("Strings.InterpolationIntoLog", &InterpolationIntoLog);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static string Opaque(string value) => value;

        private static void LiteralsLengthAndIndexer()
        {
            string text = Opaque("MinimalOS");
            Expect.Equal(9, text.Length, "length");
            Expect.True(text[0] == 'M' && text[8] == 'S', "first and last characters");
            Expect.Equal(0, Opaque("").Length, "empty literal");
            Expect.Same("MinimalOS", text, "identical literals are one frozen object");
            Expect.True(Opaque("\u00e9\u4e2d")[1] == '\u4e2d', "non-ASCII UTF-16 literal");
        }

        private static void IndexOutOfRangePanics()
        {
            Expect.True(KernelTestRunner.Probe(&IndexPastEnd) == ProbeOutcome.Panicked, "index past the end panics");
            Expect.True(RuntimeTests.Contains(KernelTestRunner.LastFailure, "outside the bounds"), "panic names the bounds failure");
        }

        private static void IndexPastEnd()
        {
            string text = Opaque("abc");
            char c = text[3];
            Expect.Fail("indexer returned " + new string(c, 1));
        }

        private static void Equality()
        {
            string built = new string('k', 1) + "ernel";
            Expect.True(built == "kernel", "equal content, different objects");
            Expect.False((object)built == (object)"kernel", "they really are different objects");
            Expect.True(built.Equals("kernel"), "Equals(string)");
            Expect.True(Opaque("kernel").Equals((object)built), "Equals(object)");
            Expect.False(built == "kernal", "same length, different content");
            Expect.False(built == "kern", "different length");
            Expect.False(built == null, "not equal to null");
            Expect.True(string.IsNullOrEmpty(Opaque(null)) && string.IsNullOrEmpty(Opaque("")), "IsNullOrEmpty");
            Expect.Equal(built.GetHashCode(), "kernel".GetHashCode(), "equal strings hash alike");
        }

        private static void Concat()
        {
            string a = Opaque("micro");
            string b = Opaque("kernel");
            Expect.Equal("microkernel", a + b, "two strings");
            Expect.Equal("micro-kernel!", a + "-" + b + "!", "four strings");
            Expect.Equal("kernel", Opaque(null) + b, "null concatenates as empty");
            Expect.Equal("rnel", b.Substring(2), "Substring");
            Expect.True(b.StartsWith("ker"), "StartsWith");
        }

        private static void Foreach()
        {
            int vowels = 0;
            foreach (char c in Opaque("capability"))
            {
                if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y')
                    vowels++;
            }
            Expect.Equal(5, vowels, "foreach over a string's characters");
        }

        // Keeps the last line the log sent to it; writing allocates nothing (see ILogSink).
        private sealed class CaptureSink : ILogSink
        {
            private readonly byte[] _line = new byte[320];
            private int _length;

            public void WriteLine(LogLevel level, ReadOnlySpan<byte> line)
            {
                int length = Math.Min(line.Length, _line.Length);
                line.Slice(0, length).CopyTo(_line);
                _length = length;
            }

            public bool EndsWith(string expected)
            {
                if (expected.Length > _length)
                    return false;
                for (int i = 0; i < expected.Length; i++)
                {
                    if (_line[_length - expected.Length + i] != (byte)expected[i])
                        return false;
                }
                return true;
            }
        }

        private static void InterpolationIntoLog()
        {
            var sink = new CaptureSink();
            Expect.True(Log.AddSink(sink), "a free sink slot");
            string name = Opaque("ps2");
            int irq = 12;
            ulong address = 0xFEE0_0000;
            Log.Info("runtime-test", $"driver {name} on irq {irq}, base {address:x8}, ok={true}");
            Log.RemoveSink(sink);
            Expect.True(sink.EndsWith("runtime-test: driver ps2 on irq 12, base fee00000, ok=true"), "formatted line reached the sink");
        }
    }
}
