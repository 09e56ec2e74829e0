// Which kind of table below the PML4 a user page-table object is, numbered as the paging levels are (the
// PML4 itself is level 4 and is the AddressSpace object, never a PageTable object). The kernel records it
// in a PageTable capability when the table is mapped, to unmap it later; MapFrame names the missing one.
namespace MinimalOS.Kernel.Memory.Paging
{
    public enum PageTableLevel : byte
    {
        None = 0,
        /// <summary>Level 1: 512 entries of 4 KiB pages, covering 2 MiB.</summary>
        PageTable = 1,
        /// <summary>Level 2: 512 entries of page tables or 2 MiB pages, covering 1 GiB.</summary>
        PageDirectory = 2,
        /// <summary>Level 3: 512 entries of page directories, covering 512 GiB.</summary>
        Pdpt = 3,
    }
}
