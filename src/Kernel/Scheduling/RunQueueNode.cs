// The link a schedulable object (a thread) embeds to sit in a RunQueue: one object allocated once with its
// owner, so enqueue, dequeue, removal and migration never allocate. It must never be in two queues at
// once; RunQueue checks that through Queue. A class rather than a struct because the links point between
// objects, which only references can do without pinning.
namespace MinimalOS.Kernel.Scheduling
{
    public sealed class RunQueueNode
    {
        public RunQueueNode(object owner)
        {
            Owner = owner;
        }

        // The object this node schedules (the thread); the scheduler casts it back after a dequeue.
        public object Owner { get; }

        // The queue holding the node, null when it is not queued (running, blocked or new).
        public RunQueue Queue { get; internal set; }

        // The level it was last enqueued at; meaningful while queued.
        public int Priority { get; internal set; }

        // A pinned node stays on its CPU: TrySteal passes it over.
        public bool IsPinned { get; set; }

        internal RunQueueNode Next;
        internal RunQueueNode Previous;
    }
}
