// The translation lookaside buffer, as page-table code sees it: after changing or removing a present entry
// the stale translation must be dropped. The kernel implements it with invlpg and a CR3 reload (and later
// with shootdowns to other CPUs); host tests record the calls. Portable code never touches the TLB otherwise.
namespace MinimalOS.Kernel.Memory.Paging
{
    public interface ITlb
    {
        /// <summary>Drops any translation for the page (of any size) containing <paramref name="address"/>.</summary>
        void Invalidate(VirtualAddress address);

        /// <summary>Drops all non-global translations.</summary>
        void InvalidateAll();
    }
}
