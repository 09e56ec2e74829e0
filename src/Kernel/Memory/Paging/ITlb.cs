// The translation lookaside buffer, as page-table code sees it: after changing or removing a present entry
// the stale translation must be dropped, on every CPU that may cache it. The kernel implements it with
// invlpg and a CR3 reload plus shootdowns to the other CPUs; host tests record the calls. Portable code
// never touches the TLB otherwise.
using System;

namespace MinimalOS.Kernel.Memory.Paging
{
    public interface ITlb
    {
        /// <summary>Drops any translation for the pages (of any size) containing each of <paramref name="addresses"/>.</summary>
        void Invalidate(ReadOnlySpan<ulong> addresses);

        /// <summary>Drops all non-global translations.</summary>
        void InvalidateAll();
    }
}
