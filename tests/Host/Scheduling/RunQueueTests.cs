// Host tests of the per-CPU ready queue: most urgent level first, FIFO (round-robin) within a level,
// removal from head, middle and tail, the non-empty bitmap after levels drain, stealing, refused bad
// input, and random operation sequences checked against a simple model.
using System.Collections.Generic;
using System.Linq;
using MinimalOS.Kernel.Scheduling;
using Xunit;

namespace MinimalOS.Tests.Host.Scheduling
{
    public sealed class RunQueueTests
    {
        private static RunQueueNode Node(string name) => new RunQueueNode(name);

        private static string DequeueName(RunQueue queue)
        {
            Assert.True(queue.TryDequeue(out RunQueueNode node));
            Assert.Null(node.Queue);
            return (string)node.Owner;
        }

        [Fact]
        public void EmptyQueueDequeuesNothing()
        {
            var queue = new RunQueue();
            Assert.True(queue.IsEmpty);
            Assert.False(queue.TryDequeue(out RunQueueNode node));
            Assert.Null(node);
            Assert.False(queue.TrySteal(out _));
            Assert.False(queue.TryPeekHighestPriority(out int priority));
            Assert.Equal(-1, priority);
        }

        [Fact]
        public void DequeuesMostUrgentLevelFirstAcrossAllLevels()
        {
            var queue = new RunQueue();
            int[] order = { 5, 0, 31, 16, 1, 30, 15 };
            foreach (int priority in order)
            {
                Assert.True(queue.Enqueue(Node("p" + priority), priority));
            }

            Assert.Equal(order.Length, queue.Count);
            Assert.True(queue.TryPeekHighestPriority(out int highest));
            Assert.Equal(31, highest);
            foreach (string expected in new[] { "p31", "p30", "p16", "p15", "p5", "p1", "p0" })
            {
                Assert.Equal(expected, DequeueName(queue));
            }

            Assert.True(queue.IsEmpty);
        }

        [Fact]
        public void EqualPrioritiesRoundRobinWhenReenqueuedAtTheTail()
        {
            var queue = new RunQueue();
            var nodes = new[] { Node("a"), Node("b"), Node("c") };
            foreach (var node in nodes)
            {
                Assert.True(queue.Enqueue(node, 7));
            }

            var ran = new List<string>();
            for (int slice = 0; slice < 7; slice++)
            {
                Assert.True(queue.TryDequeue(out RunQueueNode running));
                ran.Add((string)running.Owner);
                Assert.True(queue.Enqueue(running, 7));
            }

            Assert.Equal(new[] { "a", "b", "c", "a", "b", "c", "a" }, ran);
            Assert.Equal(3, queue.CountAt(7));
        }

        [Theory]
        [InlineData(0, "b", "c", "d")]
        [InlineData(1, "a", "c", "d")]
        [InlineData(2, "a", "b", "d")]
        [InlineData(3, "a", "b", "c")]
        public void RemovesFromHeadMiddleAndTail(int index, string first, string second, string third)
        {
            var queue = new RunQueue();
            var nodes = new[] { Node("a"), Node("b"), Node("c"), Node("d") };
            foreach (var node in nodes)
            {
                Assert.True(queue.Enqueue(node, 3));
            }

            Assert.True(queue.Remove(nodes[index]));
            Assert.Null(nodes[index].Queue);
            Assert.Equal(3, queue.Count);
            Assert.Equal(3, queue.CountAt(3));
            Assert.Equal(first, DequeueName(queue));
            Assert.Equal(second, DequeueName(queue));
            Assert.Equal(third, DequeueName(queue));
            Assert.False(queue.TryDequeue(out _));
        }

        [Fact]
        public void BitmapForgetsLevelsThatDrained()
        {
            var queue = new RunQueue();
            var high = Node("high");
            var onlyLow = Node("low");
            Assert.True(queue.Enqueue(high, 20));
            Assert.True(queue.Enqueue(onlyLow, 4));
            Assert.True(queue.Remove(high));
            Assert.True(queue.TryPeekHighestPriority(out int highest));
            Assert.Equal(4, highest);
            Assert.Equal(0, queue.CountAt(20));

            Assert.Equal("low", DequeueName(queue));
            Assert.False(queue.TryPeekHighestPriority(out _));

            Assert.True(queue.Enqueue(high, 20));
            Assert.True(queue.Enqueue(onlyLow, 4));
            Assert.Equal("high", DequeueName(queue));
            Assert.Equal("low", DequeueName(queue));
        }

        [Fact]
        public void StealPassesOverPinnedNodes()
        {
            var victim = new RunQueue();
            RunQueueNode pinnedUrgent = Node("pinned-urgent");
            pinnedUrgent.IsPinned = true;
            RunQueueNode pinnedLow = Node("pinned-low");
            pinnedLow.IsPinned = true;
            Assert.True(victim.Enqueue(pinnedUrgent, 9));
            Assert.True(victim.Enqueue(Node("free-urgent"), 9));
            Assert.True(victim.Enqueue(Node("free-low"), 2));
            Assert.True(victim.Enqueue(pinnedLow, 1));

            Assert.True(victim.TrySteal(out RunQueueNode first));
            Assert.Equal("free-urgent", (string)first.Owner);
            Assert.True(victim.TrySteal(out RunQueueNode second));
            Assert.Equal("free-low", (string)second.Owner);
            Assert.False(victim.TrySteal(out RunQueueNode none));
            Assert.Null(none);
            Assert.Equal(2, victim.Count);
            Assert.Equal("pinned-urgent", DequeueName(victim));
            Assert.Equal("pinned-low", DequeueName(victim));
        }

        [Fact]
        public void StealTakesTheOldestOfTheMostUrgentLevel()
        {
            var victim = new RunQueue();
            var thief = new RunQueue();
            Assert.True(victim.Enqueue(Node("background"), 2));
            Assert.True(victim.Enqueue(Node("urgent-old"), 9));
            Assert.True(victim.Enqueue(Node("urgent-new"), 9));

            Assert.True(victim.TrySteal(out RunQueueNode stolen));
            Assert.Equal("urgent-old", (string)stolen.Owner);
            Assert.Null(stolen.Queue);
            Assert.True(thief.Enqueue(stolen, stolen.Priority));
            Assert.Same(thief, stolen.Queue);
            Assert.Equal(2, victim.Count);
            Assert.Equal("urgent-new", DequeueName(victim));
        }

        [Fact]
        public void RefusesBadInputWithoutChangingTheQueue()
        {
            var queue = new RunQueue();
            var other = new RunQueue();
            var node = Node("n");
            Assert.False(queue.Enqueue(node, -1));
            Assert.False(queue.Enqueue(node, RunQueue.Levels));
            Assert.False(queue.Enqueue(null, 1));
            Assert.True(queue.IsEmpty);
            Assert.Null(node.Queue);

            Assert.True(queue.Enqueue(node, 1));
            Assert.False(queue.Enqueue(node, 1));
            Assert.False(other.Enqueue(node, 2));
            Assert.False(other.Remove(node));
            Assert.False(queue.Remove(Node("never queued")));
            Assert.False(queue.Remove(null));
            Assert.Equal(1, queue.Count);
            Assert.Equal(0, other.Count);
            Assert.Equal("n", DequeueName(queue));
            Assert.False(queue.Remove(node));
            Assert.Equal(0, queue.CountAt(99));
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        public void RandomOperationsMatchAModel(int seed)
        {
            var random = new System.Random(seed);
            var queue = new RunQueue();
            var nodes = new RunQueueNode[48];
            for (int i = 0; i < nodes.Length; i++)
            {
                nodes[i] = Node("n" + i);
            }

            // The model: queued nodes in (priority descending, enqueue order ascending) order.
            var model = new List<(int Priority, long Order, RunQueueNode Node)>();
            long order = 0;
            for (int step = 0; step < 20000; step++)
            {
                var node = nodes[random.Next(nodes.Length)];
                int operation = random.Next(4);
                int modelIndex = model.FindIndex(entry => entry.Node == node);
                if (operation <= 1)
                {
                    int priority = random.Next(RunQueue.Levels);
                    Assert.Equal(modelIndex < 0, queue.Enqueue(node, priority));
                    if (modelIndex < 0)
                    {
                        model.Add((priority, order++, node));
                    }
                }
                else if (operation == 2)
                {
                    Assert.Equal(modelIndex >= 0, queue.Remove(node));
                    if (modelIndex >= 0)
                    {
                        model.RemoveAt(modelIndex);
                    }
                }
                else
                {
                    model.Sort((x, y) => x.Priority != y.Priority ? y.Priority.CompareTo(x.Priority) : x.Order.CompareTo(y.Order));
                    bool steal = random.Next(2) == 0;
                    bool taken = steal ? queue.TrySteal(out RunQueueNode got) : queue.TryDequeue(out got);
                    Assert.Equal(model.Count > 0, taken);
                    if (taken)
                    {
                        Assert.Same(model[0].Node, got);
                        Assert.Equal(model[0].Priority, got.Priority);
                        model.RemoveAt(0);
                    }
                }

                Assert.Equal(model.Count, queue.Count);
                int expectedHighest = model.Count == 0 ? -1 : model.ConvertAll(entry => entry.Priority).Max();
                Assert.Equal(model.Count > 0, queue.TryPeekHighestPriority(out int highest));
                Assert.Equal(expectedHighest, highest);
            }
        }
    }
}
