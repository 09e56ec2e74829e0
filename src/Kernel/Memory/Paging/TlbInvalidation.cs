// What a user page-table change left stale in the TLBs: nothing, one page (of any size: invlpg of its base
// drops it and every paging-structure cache entry of that address space), or everything of that address
// space. The change's caller applies it on the CPUs that ran the address space, before it frees or reuses
// whatever the old entry pointed at. Plain data; it never flushes on its own.
namespace MinimalOS.Kernel.Memory.Paging
{
    public readonly struct TlbInvalidation
    {
        private TlbInvalidation(bool any, bool all, ulong page)
        {
            Any = any;
            All = all;
            Page = new VirtualAddress(page);
        }

        public static TlbInvalidation Nothing => default;

        public static TlbInvalidation OnePage(VirtualAddress page) => new TlbInvalidation(true, false, page.Value);

        public static TlbInvalidation Everything => new TlbInvalidation(true, true, 0);

        /// <summary>Whether anything must be invalidated at all.</summary>
        public bool Any { get; }

        /// <summary>Whether every translation of the address space must go (otherwise only Page).</summary>
        public bool All { get; }

        /// <summary>The page to invalidate when Any and not All.</summary>
        public VirtualAddress Page { get; }

        public unsafe void ApplyTo(ITlb tlb)
        {
            if (All)
            {
                tlb.InvalidateAll();
            }
            else if (Any)
            {
                ulong page = Page.Value;
                tlb.Invalidate(new System.ReadOnlySpan<ulong>(&page, 1));
            }
        }
    }
}
