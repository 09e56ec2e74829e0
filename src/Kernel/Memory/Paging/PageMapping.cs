// The answer to "where does this virtual address go": the physical address it translates to, the page
// size that maps it, and the effective permissions over the whole walk (writable and user only if every
// level allows it, no-execute if any level forbids execution).
namespace MinimalOS.Kernel.Memory.Paging
{
    public readonly struct PageMapping
    {
        public PageMapping(PhysicalAddress physical, ulong pageSize, PageFlags flags)
        {
            Physical = physical;
            PageSize = pageSize;
            Flags = flags;
        }

        public PhysicalAddress Physical { get; }

        public ulong PageSize { get; }

        public PageFlags Flags { get; }

        public bool IsWritable => (Flags & PageFlags.Writable) != 0;

        public bool IsExecutable => (Flags & PageFlags.NoExecute) == 0;
    }
}
