// Kernel tests of arrays, spans and stack memory: foreach over arrays, spans and strings, bounds checks
// that panic with IndexOutOfRangeException, Span<T>.Slice/CopyTo/Fill, stackalloc, array
// initialisers from constant data, arrays of references and of structs, and multi-dimensional arrays.
using System;
using System.Runtime.CompilerServices;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class ArrayAndSpanTests
    {
        public static void Register(KernelTestList tests)
        {
            tests.Add("Arrays.ForeachOverArraysAndSpans", &ForeachOverArraysAndSpans);
            tests.Add("Arrays.InitialisersAndElementTypes", &InitialisersAndElementTypes);
            tests.Add("Arrays.ArrayIndexOutOfRangePanics", &ArrayIndexOutOfRangePanics);
            tests.Add("Arrays.NegativeLengthPanics", &NegativeLengthPanics);
            tests.Add("Spans.IndexingAndBounds", &SpanIndexingAndBounds);
            tests.Add("Spans.SliceCopyToFill", &SliceCopyToFill);
            tests.Add("Spans.SliceOutOfRangePanics", &SliceOutOfRangePanics);
            tests.Add("Spans.CopyToShortDestinationPanics", &CopyToShortDestinationPanics);
            tests.Add("Spans.Stackalloc", &Stackalloc);
            tests.Add("Arrays.MultiDimensional", &MultiDimensional);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int Opaque(int value) => value;

        private static void ForeachOverArraysAndSpans()
        {
            int[] primes = { 2, 3, 5, 7, 11 };
            int sum = 0;
            foreach (int p in primes)
                sum += p;
            Expect.Equal(28, sum, "foreach over an int[]");
            Span<int> middle = primes.AsSpan(1, 3);
            int product = 1;
            foreach (int p in middle)
                product *= p;
            Expect.Equal(105, product, "foreach over a Span<int>");
            ReadOnlySpan<char> word = "span".AsSpan();
            int letters = 0;
            foreach (char c in word)
                letters += c == 'a' ? 10 : 1;
            Expect.Equal(13, letters, "foreach over a ReadOnlySpan<char>");
            string[] words = { "a", "bb", "ccc" };
            int length = 0;
            foreach (string w in words)
                length += w.Length;
            Expect.Equal(6, length, "foreach over a string[]");
        }

        private struct Slot
        {
            public byte Kind;
            public long Address;
        }

        private static void InitialisersAndElementTypes()
        {
            byte[] bytes = { 0xDE, 0xAD, 0xBE, 0xEF };
            Expect.Equal(0xEF, bytes[Opaque(3)], "byte[] initialised from constant data");
            ulong[] longs = { ulong.MaxValue, 1 };
            Expect.Equal(ulong.MaxValue, longs[Opaque(0)], "ulong[] element");
            var slots = new Slot[3];
            slots[Opaque(2)].Address = 0x1000;
            slots[2].Kind = 7;
            Expect.Equal(0x1000, slots[2].Address, "struct element field");
            Expect.Equal(0, slots[1].Address, "new arrays are zeroed");
            object[] objects = new object[2];
            objects[Opaque(1)] = "x";
            Expect.Null(objects[0], "reference elements start null");
            Expect.Equal("x", (string)objects[1], "reference element stored");
            Expect.Equal(0, new int[0].Length, "empty array");
            Expect.True(Array.Empty<string>().Length == 0 && Array.Empty<string>() == Array.Empty<string>(), "Array.Empty is a shared instance");
        }

        private static void ArrayIndexOutOfRangePanics()
        {
            Expect.True(KernelTestRunner.Probe(&ReadPastEnd) == ProbeOutcome.Panicked, "read past the end panics");
            Expect.True(RuntimeTests.Contains(KernelTestRunner.LastFailure, "outside the bounds"), "IndexOutOfRangeException message");
            Expect.True(KernelTestRunner.Probe(&WriteNegativeIndex) == ProbeOutcome.Panicked, "negative index panics");
        }

        private static void ReadPastEnd()
        {
            int[] values = new int[4];
            Expect.Fail("read " + (values[Opaque(4)] == 0 ? "zero" : "garbage") + " past the end");
        }

        private static void WriteNegativeIndex()
        {
            int[] values = new int[4];
            values[Opaque(-1)] = 1;
            Expect.Fail("wrote before the start");
        }

        private static void NegativeLengthPanics()
        {
            Expect.True(KernelTestRunner.Probe(&AllocateNegative) == ProbeOutcome.Panicked, "negative array length panics");
            Expect.True(RuntimeTests.Contains(KernelTestRunner.LastFailure, "overflow"), "OverflowException message");
        }

        private static void AllocateNegative()
        {
            int[] values = new int[Opaque(-5)];
            Expect.Fail("allocated " + (values is null ? "null" : "an array"));
        }

        private static void SpanIndexingAndBounds()
        {
            Span<int> span = new int[] { 10, 20, 30 };
            span[1] += 5;
            Expect.Equal(25, span[1], "write through the indexer");
            Expect.True(KernelTestRunner.Probe(&SpanReadPastEnd) == ProbeOutcome.Panicked, "span index past the end panics");
            Expect.True(RuntimeTests.Contains(KernelTestRunner.LastFailure, "outside the bounds"), "IndexOutOfRangeException message");
        }

        private static void SpanReadPastEnd()
        {
            Span<byte> span = stackalloc byte[8];
            Expect.Fail("read " + (span[Opaque(8)] == 0 ? "zero" : "garbage") + " past the end");
        }

        private static void SliceCopyToFill()
        {
            Span<int> buffer = new int[8];
            buffer.Fill(7);
            Span<int> window = buffer.Slice(2, 3);
            window.Fill(1);
            Expect.Equal(7, buffer[1], "before the window untouched");
            Expect.Equal(1, buffer[2], "window filled");
            Expect.Equal(7, buffer[5], "after the window untouched");
            ReadOnlySpan<int> source = new int[] { 4, 5, 6 };
            source.CopyTo(buffer.Slice(5));
            Expect.Equal(6, buffer[7], "CopyTo into a slice");
            buffer.Slice(0, 4).CopyTo(buffer.Slice(2));
            Expect.Equal(7, buffer[2], "overlapping CopyTo forwards (first)");
            Expect.Equal(1, buffer[5], "overlapping CopyTo forwards (last)");
            string[] names = { "a", "b", "c" };
            new Span<string>(names).Slice(1).CopyTo(names);
            Expect.Equal("c", names[1], "CopyTo of references");
            Expect.Equal(3, buffer.Slice(5).Length, "Slice(start) length");
            Expect.True(buffer.Slice(8).IsEmpty, "slice at the end is empty");
        }

        private static void SliceOutOfRangePanics()
        {
            Expect.True(KernelTestRunner.Probe(&SliceTooLong) == ProbeOutcome.Panicked, "slice past the end panics");
            Expect.True(RuntimeTests.Contains(KernelTestRunner.LastFailure, "out of the range"), "ArgumentOutOfRangeException message");
        }

        private static void SliceTooLong()
        {
            Span<int> span = new int[4];
            Span<int> slice = span.Slice(2, Opaque(3));
            Expect.Fail("sliced " + (slice.Length == 3 ? "three" : "some") + " elements");
        }

        private static void CopyToShortDestinationPanics()
        {
            Expect.True(KernelTestRunner.Probe(&CopyToShort) == ProbeOutcome.Panicked, "CopyTo into a shorter span panics");
            Expect.True(RuntimeTests.Contains(KernelTestRunner.LastFailure, "Destination is too short"), "ArgumentException message");
        }

        private static void CopyToShort()
        {
            Span<int> source = new int[4];
            source.CopyTo(new int[Opaque(3)]);
            Expect.Fail("copied into a short destination");
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int SumOfSquares(int count)
        {
            Span<int> squares = stackalloc int[count];
            for (int i = 0; i < squares.Length; i++)
                squares[i] = i * i;
            int sum = 0;
            foreach (int s in squares)
                sum += s;
            return sum;
        }

        private static void Stackalloc()
        {
            Expect.Equal(285, SumOfSquares(10), "variable-length stackalloc");
            Span<byte> fixedSize = stackalloc byte[16];
            Expect.Equal(0, fixedSize[15], "stackalloc'd span starts zeroed");
            byte* raw = stackalloc byte[4];
            raw[3] = 9;
            Expect.Equal(9, raw[3], "pointer stackalloc");
        }

        private static void MultiDimensional()
        {
            int[,] grid = new int[Opaque(3), 4];
            for (int row = 0; row < 3; row++)
            {
                for (int column = 0; column < 4; column++)
                    grid[row, column] = row * 10 + column;
            }
            Expect.Equal(23, grid[2, 3], "element [2,3]");
            Expect.Equal(12, grid.Length, "total length");
            Expect.Equal(4, grid.GetLength(1), "length of the second dimension");
            Expect.Equal(2, grid.Rank, "rank");
            int[,] copy = new int[3, 4];
            Array.Copy(grid, copy, grid.Length);
            Expect.Equal(23, copy[2, 3], "Array.Copy copies the elements, not the bounds");
            Array.Clear(copy);
            Expect.Equal(0, copy[2, 3], "Array.Clear clears the elements");
            Expect.Equal(4, copy.GetLength(1), "and keeps the bounds");
            Expect.True(KernelTestRunner.Probe(&MultiDimensionalOutOfRange) == ProbeOutcome.Panicked, "index past a dimension panics");
        }

        private static void MultiDimensionalOutOfRange()
        {
            int[,] grid = new int[2, 2];
            grid[Opaque(0), Opaque(2)] = 1;
            Expect.Fail("wrote past the second dimension");
        }
    }
}
