// One 64-bit page-table entry: the physical frame it points at (a table or a page) and its flags. Building
// an entry masks the frame to the architectural address bits, so a stray flag bit can never leak into the
// address and vice versa. It does not know its level; AddressSpace interprets Huge.
namespace MinimalOS.Kernel.Memory.Paging
{
    public readonly struct PageTableEntry
    {
        /// <summary>Bits 12-51: the physical address of a 4 KiB-aligned table or page.</summary>
        public const ulong FrameMask = 0x000F_FFFF_FFFF_F000;

        /// <summary>Every bit PageFlags names; the rest (available bits, PAT, protection keys) stay zero.</summary>
        public const ulong FlagMask = 0x8000_0000_0000_01FF;

        public PageTableEntry(ulong raw) => Raw = raw;

        public PageTableEntry(PhysicalAddress frame, PageFlags flags) => Raw = (frame.Value & FrameMask) | ((ulong)flags & FlagMask);

        public ulong Raw { get; }

        public PhysicalAddress Frame => new PhysicalAddress(Raw & FrameMask);

        public PageFlags Flags => (PageFlags)(Raw & FlagMask);

        public bool IsPresent => (Raw & (ulong)PageFlags.Present) != 0;

        public bool IsHuge => (Raw & (ulong)PageFlags.Huge) != 0;

        public bool Has(PageFlags flags) => (Raw & (ulong)flags) == (ulong)flags;
    }
}
