// Measures a heap's allocate+free cost for one size: rounds of a batch of allocations followed by freeing
// the batch, so both the fast path (a slab with room) and slab turnover are in the figure. The clock is a
// delegate (the TSC clock in the kernel, anything monotonic on the host). The heap ends as it started,
// apart from empty slabs and freed runs it keeps for reuse (so from the second round on, whole-page
// blocks come from its run cache while the batch fits in it). It never logs; the caller prints the result.
namespace MinimalOS.Kernel.Memory.Heap
{
    public static unsafe class HeapBenchmark
    {
        public const int BatchSize = 64;

        /// <summary>
        /// Mean nanoseconds per allocate+free pair over <paramref name="rounds"/> batches, or 0 when the heap
        /// ran out of memory (that round's blocks are freed again).
        /// </summary>
        public static ulong NanosecondsPerAllocateAndFree<TPageSource>(ref SlabHeap<TPageSource> heap, nuint size, int rounds, delegate*<ulong> nanoseconds)
            where TPageSource : struct, IHeapPageSource
        {
            if (rounds <= 0)
                return 0;
            void** batch = stackalloc void*[BatchSize];
            ulong start = nanoseconds();
            for (int round = 0; round < rounds; round++)
            {
                bool exhausted = false;
                for (int i = 0; i < BatchSize; i++)
                {
                    batch[i] = heap.Allocate(size);
                    exhausted |= batch[i] == null;
                }
                for (int i = 0; i < BatchSize; i++)
                    heap.Free(batch[i]);
                if (exhausted)
                    return 0;
            }
            ulong elapsed = nanoseconds() - start;
            return elapsed / ((ulong)rounds * BatchSize);
        }
    }
}
