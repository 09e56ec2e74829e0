// Collects the TLB invalidations of one page-table change: page by page while there are few, one full
// flush once there are many. Only AddressSpace uses it; it must not outlive the change it belongs to.
namespace MinimalOS.Kernel.Memory.Paging
{
    internal struct InvalidationBatch
    {
        /// <summary>Beyond this many pages one full flush is cheaper than page-by-page invalidation.</summary>
        private const int PageByPageLimit = 32;

        private readonly ITlb _tlb;
        private int _pages;

        public InvalidationBatch(ITlb tlb)
        {
            _tlb = tlb;
            _pages = 0;
        }

        public void Add(ulong virt)
        {
            _pages++;
            if (_pages <= PageByPageLimit)
                _tlb.Invalidate(new VirtualAddress(virt));
        }

        public void Finish()
        {
            if (_pages > PageByPageLimit)
                _tlb.InvalidateAll();
        }
    }
}
