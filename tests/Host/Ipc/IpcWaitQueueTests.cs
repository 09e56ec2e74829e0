// Host tests of an endpoint's wait queue: highest priority first, first come first served within a
// priority, removal from any position keeps the links consistent, and an emptied queue is empty.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using MinimalOS.Kernel.Ipc;
using MinimalOS.Kernel.Objects;
using Xunit;

namespace MinimalOS.Tests.Host.Ipc
{
    public sealed unsafe class IpcWaitQueueTests
    {
        [Fact]
        public void HigherPriorityFirstAndFifoWithinAPriority()
        {
            ThreadControl* threads = Threads(6, 3, 5, 3, 9, 5, 3);
            var queue = new IpcWaitQueue();
            for (int i = 0; i < 6; i++)
                queue.Enqueue(threads + i);
            Assert.Equal(new[] { 3, 1, 4, 0, 2, 5 }, DrainIndices(ref queue, threads));
            Assert.True(queue.IsEmpty);
            Assert.True(queue.Tail == null);
            NativeMemory.Free(threads);
        }

        [Fact]
        public void RemovingFromTheMiddleHeadAndTailKeepsTheOrder()
        {
            ThreadControl* threads = Threads(5, 4, 4, 4, 4, 4);
            var queue = new IpcWaitQueue();
            for (int i = 0; i < 5; i++)
                queue.Enqueue(threads + i);
            queue.Remove(threads + 2);
            queue.Remove(threads + 0);
            queue.Remove(threads + 4);
            Assert.True(threads[2].IpcNext == null && threads[2].IpcPrevious == null);
            Assert.True(queue.Tail == threads + 3);
            queue.Enqueue(threads + 2);
            Assert.Equal(new[] { 1, 3, 2 }, DrainIndices(ref queue, threads));
            NativeMemory.Free(threads);
        }

        [Fact]
        public void ALateHighPriorityWaiterOvertakesEveryLowerOne()
        {
            ThreadControl* threads = Threads(4, 1, 1, 1, 7);
            var queue = new IpcWaitQueue();
            for (int i = 0; i < 4; i++)
                queue.Enqueue(threads + i);
            Assert.True(queue.Head == threads + 3);
            Assert.True(threads[3].IpcNext == threads + 0);
            Assert.True(threads[0].IpcPrevious == threads + 3);
            Assert.Equal(new[] { 3, 0, 1, 2 }, DrainIndices(ref queue, threads));
            NativeMemory.Free(threads);
        }

        [Fact]
        public void DequeueOfAnEmptyQueueIsNull()
        {
            var queue = new IpcWaitQueue();
            Assert.True(queue.Dequeue() == null);
            Assert.True(queue.IsEmpty);
        }

        private static ThreadControl* Threads(int count, params byte[] priorities)
        {
            var threads = (ThreadControl*)NativeMemory.AllocZeroed((nuint)(count * sizeof(ThreadControl)));
            for (int i = 0; i < count; i++)
                threads[i].Priority = priorities[i];
            return threads;
        }

        private static int[] DrainIndices(ref IpcWaitQueue queue, ThreadControl* threads)
        {
            var order = new List<int>();
            ThreadControl* next;
            while ((next = queue.Dequeue()) != null)
                order.Add((int)(next - threads));
            return order.ToArray();
        }
    }
}
