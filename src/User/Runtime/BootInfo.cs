// A typed view of the read-only boot-info page (src/Abi/RootTaskBootInfo.cs) the kernel maps into the root
// task and passes to _start in rdi. Only reads it: the page is mapped read-only, and a program must never
// trust it to be there unless it is the root task (other programs get no page: the view is then null).
using MinimalOS.Abi;

namespace MinimalOS.User.Runtime
{
    public readonly unsafe struct BootInfo
    {
        private readonly RootTaskBootInfo* _page;

        public BootInfo(RootTaskBootInfo* page) => _page = page;

        public RootTaskBootInfo* Page => _page;

        /// <summary>Whether the page is there and carries the kernel's magic and a known version.</summary>
        public bool IsValid => _page != null && _page->Magic == RootTaskBootInfo.ExpectedMagic && _page->Version == 1;

        /// <summary>The root CNode as the page describes it (its radix; no guard).</summary>
        public RootCNode RootCNode => new RootCNode((int)_page->RootCNodeRadix);

        public uint FirstFreeSlot => _page->FirstFreeSlot;
        public uint FreeSlotEnd => _page->FreeSlotEnd;
        public uint FirstImageSlot => _page->FirstImageSlot;
        public uint ImageSlotEnd => _page->ImageSlotEnd;
        public uint FirstUntypedSlot => _page->FirstUntypedSlot;
        public uint UntypedCount => _page->UntypedCount;
        public ulong StackTop => _page->StackTop;
        public ulong StackBytes => _page->StackBytes;
        public ulong CpuCount => _page->CpuCount;

        /// <summary>Root CNode slot index of untyped region <paramref name="index"/> (0 to UntypedCount - 1).</summary>
        public uint UntypedSlot(int index) => _page->FirstUntypedSlot + (uint)index;

        public int UntypedSizeBits(int index) => _page->UntypedSizeBits[index];

        public ulong UntypedPhysical(int index) => _page->UntypedPhysical[index];
    }
}
