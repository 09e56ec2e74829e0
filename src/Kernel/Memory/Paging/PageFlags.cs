// The x86_64 page-table entry bits the kernel uses, by name. The same bits appear at every level; Huge
// (PS) means "this entry maps a 2 MiB or 1 GiB page" and is chosen by AddressSpace, never by callers (in a
// 4 KiB page's entry the same bit selects a PAT entry; AddressSpace leaves it clear, so kernel mappings use
// PAT entries 0-3 only: see PatLayout).
// Plain values only: no behaviour, no knowledge of which level an entry sits at.
namespace MinimalOS.Kernel.Memory.Paging
{
    public enum PageFlags : ulong
    {
        None = 0,
        Present = 1UL << 0,
        Writable = 1UL << 1,
        User = 1UL << 2,
        WriteThrough = 1UL << 3,
        CacheDisable = 1UL << 4,
        Accessed = 1UL << 5,
        Dirty = 1UL << 6,
        Huge = 1UL << 7,
        Global = 1UL << 8,
        NoExecute = 1UL << 63,
    }
}
