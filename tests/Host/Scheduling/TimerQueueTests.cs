// Host tests of the timer deadline queue: earliest deadline first, equal deadlines first-in first-out,
// cancel of the head, the middle and stale handles, the pop-expired boundary (deadline == now is due),
// a full queue refusing inserts until a slot frees, and random sequences checked against a sorted list.
using System.Collections.Generic;
using MinimalOS.Kernel.Scheduling;
using Xunit;

namespace MinimalOS.Tests.Host.Scheduling
{
    public sealed class TimerQueueTests
    {
        private static TimerHandle Insert(TimerQueue queue, ulong deadline, string owner)
        {
            Assert.True(queue.TryInsert(deadline, owner, out TimerHandle handle));
            Assert.True(handle.IsValid);
            return handle;
        }

        private static List<string> PopAll(TimerQueue queue, ulong now)
        {
            var popped = new List<string>();
            while (queue.TryPopExpired(now, out TimerExpiry expiry))
            {
                Assert.False(queue.IsPending(expiry.Handle));
                popped.Add((string)expiry.Owner);
            }

            return popped;
        }

        [Fact]
        public void EmptyQueueHasNoDeadlineAndNothingExpires()
        {
            var queue = new TimerQueue(4);
            Assert.False(queue.TryGetEarliestDeadline(out _));
            Assert.False(queue.TryPopExpired(ulong.MaxValue, out _));
            Assert.False(queue.Cancel(default));
            Assert.False(default(TimerHandle).IsValid);
        }

        [Fact]
        public void ExpiresInDeadlineOrderAndReportsTheEarliest()
        {
            var queue = new TimerQueue(8);
            Insert(queue, 500, "c");
            Insert(queue, 100, "a");
            Insert(queue, 900, "d");
            Insert(queue, 300, "b");
            Assert.True(queue.TryGetEarliestDeadline(out ulong earliest));
            Assert.Equal(100UL, earliest);
            Assert.Equal(new[] { "a", "b", "c", "d" }, PopAll(queue, 1000));
            Assert.Equal(0, queue.Count);
        }

        [Fact]
        public void EqualDeadlinesExpireFirstInFirstOut()
        {
            var queue = new TimerQueue(16);
            var expected = new List<string>();
            for (int i = 0; i < 10; i++)
            {
                Insert(queue, 42, "t" + i);
                expected.Add("t" + i);
            }

            Insert(queue, 41, "early");
            expected.Insert(0, "early");
            Assert.Equal(expected, PopAll(queue, 42));
        }

        [Fact]
        public void DeadlineEqualToNowExpiresButOneNanosecondLaterDoesNot()
        {
            var queue = new TimerQueue(4);
            Insert(queue, 1000, "due");
            Insert(queue, 1001, "later");
            Assert.False(queue.TryPopExpired(999, out _));
            Assert.True(queue.TryPopExpired(1000, out TimerExpiry expiry));
            Assert.Equal("due", (string)expiry.Owner);
            Assert.Equal(1000UL, expiry.DeadlineNanoseconds);
            Assert.False(queue.TryPopExpired(1000, out _));
            Assert.True(queue.TryGetEarliestDeadline(out ulong earliest));
            Assert.Equal(1001UL, earliest);
        }

        [Fact]
        public void CancelsTheHeadAndTheMiddle()
        {
            var queue = new TimerQueue(8);
            var head = Insert(queue, 10, "head");
            Insert(queue, 20, "b");
            var middle = Insert(queue, 30, "middle");
            Insert(queue, 40, "d");
            Insert(queue, 50, "e");

            Assert.True(queue.Cancel(head));
            Assert.True(queue.TryGetEarliestDeadline(out ulong earliest));
            Assert.Equal(20UL, earliest);
            Assert.True(queue.Cancel(middle));
            Assert.False(queue.IsPending(middle));
            Assert.Equal(3, queue.Count);
            Assert.Equal(new[] { "b", "d", "e" }, PopAll(queue, 100));
        }

        [Fact]
        public void StaleHandlesNeverCancelTheSlotsNextTimer()
        {
            var queue = new TimerQueue(1);
            var first = Insert(queue, 10, "first");
            Assert.True(queue.Cancel(first));
            Assert.False(queue.Cancel(first));

            var second = Insert(queue, 20, "second");
            Assert.False(queue.Cancel(first));
            Assert.True(queue.IsPending(second));
            Assert.True(queue.TryPopExpired(20, out TimerExpiry expiry));
            Assert.Equal("second", (string)expiry.Owner);
            Assert.False(queue.Cancel(second));
            Assert.False(queue.Cancel(expiry.Handle));
        }

        [Fact]
        public void FullQueueRefusesInsertsUntilATimerLeaves()
        {
            var queue = new TimerQueue(3);
            var a = Insert(queue, 3, "a");
            Insert(queue, 1, "b");
            Insert(queue, 2, "c");
            Assert.True(queue.IsFull);
            Assert.False(queue.TryInsert(0, "refused", out TimerHandle refused));
            Assert.False(refused.IsValid);
            Assert.Equal(3, queue.Count);
            Assert.True(queue.TryGetEarliestDeadline(out ulong earliest));
            Assert.Equal(1UL, earliest);

            Assert.True(queue.Cancel(a));
            Insert(queue, 0, "fits");
            Assert.Equal(new[] { "fits", "b", "c" }, PopAll(queue, 10));
        }

        [Fact]
        public void NonPositiveCapacityFallsBackToOne()
        {
            var queue = new TimerQueue(0);
            Assert.Equal(1, queue.Capacity);
            Insert(queue, 5, "only");
            Assert.False(queue.TryInsert(6, "second", out _));
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        public void RandomOperationsMatchASortedListModel(int seed)
        {
            const int capacity = 40;
            var random = new System.Random(seed);
            var queue = new TimerQueue(capacity);
            // The model: pending timers sorted by (deadline, insertion order).
            var model = new List<(ulong Deadline, long Order, TimerHandle Handle, string Owner)>();
            var retired = new List<TimerHandle>();
            long order = 0;
            ulong now = 0;
            for (int step = 0; step < 20000; step++)
            {
                int operation = random.Next(10);
                if (operation < 5)
                {
                    // Few distinct deadlines so that ties are frequent.
                    ulong deadline = now + (ulong)random.Next(0, 64);
                    string owner = "t" + order;
                    bool inserted = queue.TryInsert(deadline, owner, out TimerHandle handle);
                    Assert.Equal(model.Count < capacity, inserted);
                    if (inserted)
                    {
                        int at = model.FindIndex(entry => entry.Deadline > deadline);
                        model.Insert(at < 0 ? model.Count : at, (deadline, order, handle, owner));
                    }

                    order++;
                }
                else if (operation < 7 && model.Count > 0)
                {
                    int victim = random.Next(model.Count);
                    Assert.True(queue.Cancel(model[victim].Handle));
                    retired.Add(model[victim].Handle);
                    model.RemoveAt(victim);
                }
                else if (operation == 7 && retired.Count > 0)
                {
                    Assert.False(queue.Cancel(retired[random.Next(retired.Count)]));
                }
                else
                {
                    now += (ulong)random.Next(0, 24);
                    while (queue.TryPopExpired(now, out TimerExpiry expiry))
                    {
                        Assert.NotEmpty(model);
                        Assert.True(model[0].Deadline <= now);
                        Assert.Equal(model[0].Owner, (string)expiry.Owner);
                        Assert.Equal(model[0].Deadline, expiry.DeadlineNanoseconds);
                        retired.Add(model[0].Handle);
                        model.RemoveAt(0);
                    }

                    Assert.True(model.Count == 0 || model[0].Deadline > now);
                }

                Assert.Equal(model.Count, queue.Count);
                Assert.Equal(model.Count > 0, queue.TryGetEarliestDeadline(out ulong earliest));
                if (model.Count > 0)
                {
                    Assert.Equal(model[0].Deadline, earliest);
                }
            }
        }
    }
}
