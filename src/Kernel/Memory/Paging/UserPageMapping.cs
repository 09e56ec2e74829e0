// What a user address translates to, as UserPageTables reads it back from a leaf entry: the page's frame,
// the translated physical address, the page size, the rights the leaf grants and the memory type its PAT
// bits select. For tests and diagnostics; it gives no authority.
using MinimalOS.Abi;

namespace MinimalOS.Kernel.Memory.Paging
{
    public readonly struct UserPageMapping
    {
        public UserPageMapping(PhysicalAddress frame, PhysicalAddress physical, ulong pageSize, CapRights rights, PatMemoryType memoryType)
        {
            Frame = frame;
            Physical = physical;
            PageSize = pageSize;
            Rights = rights;
            MemoryType = memoryType;
        }

        public PhysicalAddress Frame { get; }

        public PhysicalAddress Physical { get; }

        public ulong PageSize { get; }

        /// <summary>Read always; Write when the leaf is writable; Execute when it lacks NX.</summary>
        public CapRights Rights { get; }

        public PatMemoryType MemoryType { get; }
    }
}
