// Host tests of the frame bitmap's word-at-a-time operations, especially across word boundaries and at
// the ends of the searched range.
using MinimalOS.Kernel.Memory.Physical;
using Xunit;

namespace MinimalOS.Tests.Host.Memory
{
    public unsafe class FrameBitmapTests
    {
        private const ulong Bits = 200;

        [Fact]
        public void RangesSetAndClearAcrossWordBoundaries()
        {
            var words = new ulong[FrameBitmap.WordsFor(Bits)];
            fixed (ulong* pointer = words)
            {
                var bitmap = new FrameBitmap(pointer, Bits);
                bitmap.SetRange(60, 140);
                Assert.Equal(80UL, bitmap.CountSet(0, Bits));
                Assert.False(bitmap.IsSet(59));
                Assert.True(bitmap.IsSet(60));
                Assert.True(bitmap.IsSet(139));
                Assert.False(bitmap.IsSet(140));
                Assert.Equal(ulong.MaxValue, words[1]);
                bitmap.ClearRange(64, 128);
                Assert.Equal(16UL, bitmap.CountSet(0, Bits));
                Assert.Equal(0UL, words[1]);
            }
        }

        [Fact]
        public void FindClearSkipsFullWordsAndStopsAtTheLimit()
        {
            var words = new ulong[FrameBitmap.WordsFor(Bits)];
            fixed (ulong* pointer = words)
            {
                var bitmap = new FrameBitmap(pointer, Bits);
                bitmap.SetRange(0, 150);
                Assert.Equal(150UL, bitmap.FindClear(0, Bits));
                Assert.Equal(150UL, bitmap.FindClear(10, Bits));
                Assert.Equal(120UL, bitmap.FindClear(10, 120));
                Assert.Equal(Bits, bitmap.FindClear(Bits, Bits));
                bitmap.Clear(3);
                Assert.Equal(3UL, bitmap.FindClear(0, Bits));
                Assert.Equal(150UL, bitmap.FindClear(4, Bits));
            }
        }

        [Fact]
        public void FindSetFindsTheFirstSetBitFromAnyStart()
        {
            var words = new ulong[FrameBitmap.WordsFor(Bits)];
            fixed (ulong* pointer = words)
            {
                var bitmap = new FrameBitmap(pointer, Bits);
                Assert.Equal(Bits, bitmap.FindSet(0, Bits));
                bitmap.Set(63);
                bitmap.Set(64);
                bitmap.Set(199);
                Assert.Equal(63UL, bitmap.FindSet(0, Bits));
                Assert.Equal(64UL, bitmap.FindSet(64, Bits));
                Assert.Equal(199UL, bitmap.FindSet(65, Bits));
                Assert.Equal(150UL, bitmap.FindSet(65, 150));
            }
        }

        [Fact]
        public void EveryBitPositionIsFound()
        {
            var words = new ulong[FrameBitmap.WordsFor(Bits)];
            fixed (ulong* pointer = words)
            {
                var bitmap = new FrameBitmap(pointer, Bits);
                for (ulong bit = 0; bit < Bits; bit++)
                {
                    bitmap.Set(bit);
                    Assert.Equal(bit, bitmap.FindSet(0, Bits));
                    bitmap.Clear(bit);
                }
            }
        }
    }
}
