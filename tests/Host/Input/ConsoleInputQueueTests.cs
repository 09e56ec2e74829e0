// Host tests of the console input queue: FIFO order, wrap-around, overflow dropping the newest and
// counting, and a real producer thread against a consumer thread (SPSC order under concurrency).
using System.Threading;
using MinimalOS.Kernel.Input;
using Xunit;

namespace MinimalOS.Tests.Host.Input
{
    public class ConsoleInputQueueTests
    {
        [Fact]
        public void ReadsInWriteOrderAndIsEmptyAfterwards()
        {
            var queue = new ConsoleInputQueue(8);
            Assert.False(queue.TryRead(out _));
            foreach (char c in "abc")
                Assert.True(queue.TryWrite(c));
            Assert.Equal(3, queue.Count);
            foreach (char c in "abc")
            {
                Assert.True(queue.TryRead(out char read));
                Assert.Equal(c, read);
            }
            Assert.False(queue.TryRead(out _));
        }

        [Fact]
        public void WrapsAroundManyTimes()
        {
            var queue = new ConsoleInputQueue(4);
            for (int i = 0; i < 1000; i++)
            {
                Assert.True(queue.TryWrite((char)i));
                Assert.True(queue.TryWrite((char)(i + 5000)));
                Assert.True(queue.TryRead(out char first));
                Assert.True(queue.TryRead(out char second));
                Assert.Equal((char)i, first);
                Assert.Equal((char)(i + 5000), second);
            }
            Assert.Equal(0, queue.DroppedCount);
        }

        [Fact]
        public void OverflowDropsTheNewestAndCounts()
        {
            var queue = new ConsoleInputQueue(4);
            foreach (char c in "abcdef")
                queue.TryWrite(c);
            Assert.Equal(2, queue.DroppedCount);
            Assert.Equal(4, queue.Count);
            string read = "";
            while (queue.TryRead(out char c))
                read += c;
            Assert.Equal("abcd", read);
            Assert.True(queue.TryWrite('g'));
        }

        [Fact]
        public void ABadCapacityFallsBackToTheDefault()
        {
            Assert.Equal(256, new ConsoleInputQueue(3).Capacity);
            Assert.Equal(256, new ConsoleInputQueue(0).Capacity);
            Assert.Equal(16, new ConsoleInputQueue(16).Capacity);
        }

        [Fact]
        public void OneProducerThreadAndOneConsumerThreadKeepOrder()
        {
            const int total = 200_000;
            var queue = new ConsoleInputQueue(64);
            var producer = new Thread(() =>
            {
                for (int i = 0; i < total; i++)
                {
                    while (!queue.TryWrite((char)(i & 0xFFFF)))
                        Thread.SpinWait(1);
                }
            });
            producer.Start();
            int expected = 0;
            while (expected < total)
            {
                if (queue.TryRead(out char c))
                {
                    Assert.Equal((char)(expected & 0xFFFF), c);
                    expected++;
                }
            }
            producer.Join();
            Assert.False(queue.TryRead(out _));
        }
    }
}
