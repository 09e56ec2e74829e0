// The heap's cache of freed page runs that stay mapped: large blocks and emptied slab pages go here
// instead of straight back to the page source, because giving pages back unmaps them, and every kernel
// unmap is a TLB shootdown that interrupts every CPU (docs/ARCHITECTURE.md §6). Linux (vmalloc's lazy
// purge) and FreeBSD (UMA's caches) keep freed kernel memory mapped for the same reason.
// Runs are binned by exact page count (1..MaxRunPages), LIFO within a bin (the most recently freed run is
// the warmest). Bounded: a run longer than MaxRunPages, or one that would take the cache beyond PageLimit
// pages, is refused and the heap gives it back at once. It never calls the page source and never touches
// a run's memory beyond its header: the heap decides what happens to runs it does not keep.
namespace MinimalOS.Kernel.Memory.Heap
{
    internal unsafe struct PageRunCache
    {
        public const int MaxRunPages = 64;
        /// <summary>4 MiB: what a busy heap reuses without holding much of a small machine's memory idle.</summary>
        public const int PageLimit = 1024;

        private fixed ulong _bins[MaxRunPages + 1];
        private int _pages;
        private int _runs;

        public int Pages => _pages;
        public int Runs => _runs;

        /// <summary>Keeps the run at <paramref name="run"/> (mapped, writable); false when it is too long or the cache is full.</summary>
        public bool TryAdd(byte* run, int pageCount)
        {
            if (pageCount < 1 || pageCount > MaxRunPages || _pages + pageCount > PageLimit)
                return false;
            var header = (CachedRunHeader*)run;
            header->Tag = CachedRunHeader.TagFor(run);
            header->Next = (CachedRunHeader*)_bins[pageCount];
            _bins[pageCount] = (ulong)header;
            _pages += pageCount;
            _runs++;
            return true;
        }

        /// <summary>A cached run of exactly <paramref name="pageCount"/> pages (its header still in place), or null.</summary>
        public byte* TryTake(int pageCount)
        {
            if (pageCount < 1 || pageCount > MaxRunPages || _bins[pageCount] == 0)
                return null;
            var header = (CachedRunHeader*)_bins[pageCount];
            _bins[pageCount] = (ulong)header->Next;
            header->Tag = 0;
            _pages -= pageCount;
            _runs--;
            return (byte*)header;
        }

        /// <summary>Any cached run, the longest first (most memory back per unmap), or null when empty.</summary>
        public byte* TakeLongest(out int pageCount)
        {
            for (pageCount = MaxRunPages; pageCount >= 1; pageCount--)
            {
                if (_bins[pageCount] != 0)
                    return TryTake(pageCount);
            }
            pageCount = 0;
            return null;
        }
    }
}
