// Writes a heap's statistics to the kernel log: one line per size class in use (live objects, their bytes,
// slabs held, empty slabs kept) and a summary (large blocks, freed runs cached for reuse, bytes in use and
// peak, pages held and peak, faults). Log never allocates, so this is safe to call at any time except from inside the heap itself.
using MinimalOS.Kernel.Logging;

namespace MinimalOS.Kernel.Memory.Heap
{
    public static class HeapStatisticsLog
    {
        public static void Write<TPageSource>(ref SlabHeap<TPageSource> heap) where TPageSource : struct, IHeapPageSource
        {
            for (int sizeClass = 0; sizeClass < HeapSizeClasses.Count; sizeClass++)
            {
                int slabs = heap.Slabs(sizeClass);
                if (slabs == 0)
                    continue;
                int size = HeapSizeClasses.SizeOf(sizeClass);
                int objects = heap.LiveObjects(sizeClass);
                Log.Info("heap", $"class {size}: {objects} objects, {(long)objects * size} bytes, {slabs} slabs ({heap.EmptySlabs(sizeClass)} empty)");
            }
            Log.Info("heap", $"large: {heap.LargeBlocks} blocks, {heap.LargeBytes} bytes; cached for reuse: {heap.CachedRuns} runs, {heap.CachedPages} pages");
            Log.Info("heap", $"in use {heap.BytesInUse} bytes (peak {heap.PeakBytesInUse}), {heap.PagesHeld} pages held (peak {heap.PeakPagesHeld}), {heap.FaultCount} faults");
        }
    }
}
