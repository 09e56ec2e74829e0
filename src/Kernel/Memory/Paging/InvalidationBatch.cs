// Collects the TLB invalidations of one page-table change and hands them to the TLB together: page by page
// (one call, so one shootdown to the other CPUs) while there are few, one full flush once there are many.
// A page-table frame must not be freed while a translation through it may still be cached anywhere, so
// whoever frees one calls Flush first. Only AddressSpace uses it; it must not outlive the change it
// belongs to, and must be passed by reference (it holds the pending addresses).
using System;

namespace MinimalOS.Kernel.Memory.Paging
{
    internal unsafe struct InvalidationBatch
    {
        /// <summary>Beyond this many pages one full flush is cheaper than page-by-page invalidation.</summary>
        public const int PageByPageLimit = 32;

        private readonly ITlb _tlb;
        private int _pages;
        private fixed ulong _addresses[PageByPageLimit];

        public InvalidationBatch(ITlb tlb)
        {
            _tlb = tlb;
            _pages = 0;
        }

        public void Add(ulong virt)
        {
            if (_pages < PageByPageLimit)
                _addresses[_pages] = virt;
            _pages++;
        }

        /// <summary>Invalidates everything added so far; the batch can then be used again.</summary>
        public void Flush()
        {
            if (_pages == 0)
                return;
            if (_pages > PageByPageLimit)
            {
                _tlb.InvalidateAll();
            }
            else
            {
                fixed (ulong* addresses = _addresses)
                    _tlb.Invalidate(new ReadOnlySpan<ulong>(addresses, _pages));
            }
            _pages = 0;
        }
    }
}
