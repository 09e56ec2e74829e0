// The link a schedulable object (a thread) embeds to sit in a RunQueue: one object allocated once with its
// owner, so enqueue, dequeue, removal and migration never allocate. It must never be in two queues at
// once; RunQueue checks that through Queue. A class rather than a struct because the links point between
// objects, which only references can do without pinning.
namespace MinimalOS.Kernel.Scheduling
{
    public sealed unsafe class RunQueueNode
    {
        public RunQueueNode(object owner)
        {
            Owner = owner;
        }

        /// <summary>A node made in memory its owner provides (a thread made from untyped memory); the memory must be zeroed.</summary>
        public static RunQueueNode PlaceAt(void* memory, object owner)
        {
            RunQueueNode node = System.Runtime.ObjectPlacement.Construct<RunQueueNode>(memory);
            node.Owner = owner;
            return node;
        }

        // The object this node schedules (the thread); the scheduler casts it back after a dequeue.
        public object Owner { get; private set; }

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
