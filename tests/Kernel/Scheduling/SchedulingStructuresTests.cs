// Kernel tests of the scheduler's portable queues compiled by ilc against our corelib (the host tests cover
// the logic; these prove the object links, object arrays and owner casts work in the kernel's runtime):
// the run queue orders levels, round-robins a level, removes and steals; the timer queue pops in deadline
// order with FIFO ties, cancels by handle and refuses a full queue.
using MinimalOS.Kernel.Scheduling;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class SchedulingStructuresTests
    {
        public static void Register(KernelTestList tests)
        {
            tests.Add("Scheduling.RunQueueOrdersRemovesAndSteals", &RunQueueOrdersRemovesAndSteals);
            tests.Add("Scheduling.TimerQueueOrdersCancelsAndRefusesWhenFull", &TimerQueueOrdersCancelsAndRefusesWhenFull);
        }

        private sealed class Owner
        {
            public Owner(int id)
            {
                Id = id;
            }

            public int Id { get; }
        }

        private static int TakeId(RunQueue queue)
        {
            if (!queue.TryDequeue(out RunQueueNode node))
            {
                Expect.Fail("the queue still holds a node");
                return -1;
            }

            return ((Owner)node.Owner).Id;
        }

        private static void RunQueueOrdersRemovesAndSteals()
        {
            var queue = new RunQueue();
            var low = new RunQueueNode(new Owner(1));
            var middle = new RunQueueNode(new Owner(2));
            var highA = new RunQueueNode(new Owner(3));
            var highB = new RunQueueNode(new Owner(4));
            Expect.True(queue.Enqueue(low, 0), "enqueue at the lowest level");
            Expect.True(queue.Enqueue(middle, 15), "enqueue at a middle level");
            Expect.True(queue.Enqueue(highA, 31), "enqueue at the highest level");
            Expect.True(queue.Enqueue(highB, 31), "enqueue behind an equal");
            Expect.False(queue.Enqueue(highB, 5), "a queued node is refused");
            Expect.Equal(4, queue.Count, "count");

            Expect.Equal(3, TakeId(queue), "most urgent first");
            Expect.True(queue.Enqueue(highA, 31), "re-enqueue at the tail");
            Expect.Equal(4, TakeId(queue), "round-robin within the level");
            Expect.True(queue.Remove(middle), "remove from a middle level");
            Expect.Null(middle.Queue, "a removed node belongs to no queue");

            var thief = new RunQueue();
            Expect.True(queue.TrySteal(out RunQueueNode stolen), "steal");
            Expect.Same(highA, stolen, "the most urgent waiting node is stolen");
            Expect.True(thief.Enqueue(stolen, stolen.Priority), "the thief queues it");
            Expect.Same(thief, stolen.Queue, "the node moved queues");
            Expect.Equal(1, TakeId(queue), "the lowest level last");
            Expect.True(queue.IsEmpty, "empty after draining");
            Expect.False(queue.TryPeekHighestPriority(out _), "no level left marked non-empty");
        }

        private static void TimerQueueOrdersCancelsAndRefusesWhenFull()
        {
            var queue = new TimerQueue(4);
            Expect.True(queue.TryInsert(300, new Owner(3), out _), "insert 300");
            Expect.True(queue.TryInsert(100, new Owner(1), out TimerHandle first), "insert 100");
            Expect.True(queue.TryInsert(300, new Owner(4), out _), "insert an equal deadline");
            Expect.True(queue.TryInsert(200, new Owner(2), out TimerHandle cancelled), "insert 200");
            Expect.False(queue.TryInsert(50, new Owner(0), out _), "a full queue refuses");
            Expect.True(queue.TryGetEarliestDeadline(out ulong earliest), "an earliest deadline");
            Expect.Equal(100UL, earliest, "earliest deadline");
            Expect.True(queue.Cancel(cancelled), "cancel by handle");
            Expect.False(queue.Cancel(cancelled), "a cancelled handle is stale");

            Expect.True(queue.TryPopExpired(100, out TimerExpiry expiry), "deadline == now expires");
            Expect.Equal(1, ((Owner)expiry.Owner).Id, "earliest first");
            Expect.False(queue.Cancel(first), "an expired handle is stale");
            Expect.False(queue.TryPopExpired(299, out _), "nothing due before 300");
            Expect.True(queue.TryPopExpired(300, out expiry), "first of the equal deadlines");
            Expect.Equal(3, ((Owner)expiry.Owner).Id, "equal deadlines first-in first-out");
            Expect.True(queue.TryPopExpired(300, out expiry), "second of the equal deadlines");
            Expect.Equal(4, ((Owner)expiry.Owner).Id, "then the later insert");
            Expect.Equal(0, queue.Count, "empty");
        }
    }
}
