// Heap pages carved out of one fixed region that is already mapped: the kernel's boot heap region in .bss
// (used until the heap grows from real frames), and host memory in tests. A bitmap of the region's pages (kept in
// the region's first pages, so copies of this struct share one state and nothing is allocated) records
// which are handed out; runs are found first-fit. Freeing pages it did not hand out is ignored and counted
// (InvalidFrees), never trusted. Not thread-safe on its own: the heap's lock (KernelHeap) covers it.
//
// In the kernel it is the first tier of KernelPageSource; frames mapped at KernelMemoryLayout.HeapBase
// (FramePageSource) take over growth once attached.
using System.Runtime.InteropServices;

namespace MinimalOS.Kernel.Memory.Heap
{
    public unsafe struct RegionPageSource : IHeapPageSource
    {
        private RegionState* _state;

        [StructLayout(LayoutKind.Sequential)]
        private struct RegionState
        {
            public ulong FirstPage;
            public int PageCount;
            public int PagesInUse;
            public int InvalidFrees;
            public int Reserved;
            // The bitmap follows, one bit per page, 1 = handed out.
        }

        /// <summary>Takes over [start, start + size): its page-aligned part, minus the first pages, which hold the bitmap.</summary>
        public RegionPageSource(byte* start, nuint size)
        {
            _state = null;
            ulong first;
            if (!PageSize.TryAlignUp((ulong)start, PageSize.Small, out first) || first >= (ulong)start + size)
                return;
            ulong pages = PageSize.AlignDown((ulong)start + size - first, PageSize.Small) / PageSize.Small;
            // The bitmap is sized for the whole region, bookkeeping pages included: a few bits too many, no arithmetic to get wrong.
            ulong bookkeepingPages = ((ulong)sizeof(RegionState) + (pages + 7) / 8 + PageSize.Small - 1) / PageSize.Small;
            if (pages <= bookkeepingPages || pages - bookkeepingPages > int.MaxValue)
                return;
            var state = (RegionState*)first;
            byte* bookkeeping = (byte*)state;
            for (ulong i = 0; i < bookkeepingPages * PageSize.Small; i++)
                bookkeeping[i] = 0;
            state->FirstPage = first + bookkeepingPages * PageSize.Small;
            state->PageCount = (int)(pages - bookkeepingPages);
            _state = state;
        }

        /// <summary>Pages this source can hand out in all (0 when the region was too small to use).</summary>
        public int PageCount => _state == null ? 0 : _state->PageCount;
        public int PagesInUse => _state == null ? 0 : _state->PagesInUse;
        public int InvalidFrees => _state == null ? 0 : _state->InvalidFrees;

        private ulong* Bitmap => (ulong*)(_state + 1);

        public bool TryAllocatePages(int count, out VirtualAddress start)
        {
            start = default;
            if (_state == null || count <= 0 || count > _state->PageCount - _state->PagesInUse)
                return false;
            int run = 0;
            for (int page = 0; page < _state->PageCount; page++)
            {
                // Skip whole words of used pages while no run is open: the common case when the front is full.
                if (run == 0 && (page & 63) == 0 && Bitmap[page >> 6] == ulong.MaxValue)
                {
                    page += 63;
                    continue;
                }
                if (IsUsed(page))
                {
                    run = 0;
                    continue;
                }
                if (++run == count)
                {
                    int first = page - count + 1;
                    for (int i = first; i <= page; i++)
                        Bitmap[i >> 6] |= 1UL << (i & 63);
                    _state->PagesInUse += count;
                    start = new VirtualAddress(_state->FirstPage + (ulong)first * PageSize.Small);
                    return true;
                }
            }
            return false;
        }

        public void FreePages(VirtualAddress start, int count)
        {
            if (_state == null || count <= 0 || !start.IsPageAligned || !Contains(start))
            {
                Invalid();
                return;
            }
            long first = (long)((start.Value - _state->FirstPage) / PageSize.Small);
            if (first + count > _state->PageCount)
            {
                Invalid();
                return;
            }
            for (int i = (int)first; i < first + count; i++)
            {
                if (!IsUsed(i))
                {
                    Invalid();
                    return;
                }
            }
            for (int i = (int)first; i < first + count; i++)
                Bitmap[i >> 6] &= ~(1UL << (i & 63));
            _state->PagesInUse -= count;
        }

        public bool Contains(VirtualAddress address) =>
            _state != null && address.Value >= _state->FirstPage
            && address.Value - _state->FirstPage < (ulong)_state->PageCount * PageSize.Small;

        private bool IsUsed(int page) => (Bitmap[page >> 6] & (1UL << (page & 63))) != 0;

        private void Invalid()
        {
            if (_state != null)
                _state->InvalidFrees++;
        }
    }
}
