// One validated PT_LOAD segment: MemorySize bytes at VirtualAddress, of which the first FileSize come from
// the file at FileOffset and the rest are zero. Only the parser makes these, after checking every field.
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Elf
{
    public readonly struct ElfSegment
    {
        public ElfSegment(VirtualAddress virtualAddress, ulong fileOffset, ulong fileSize, ulong memorySize, ElfSegmentAccess access)
        {
            VirtualAddress = virtualAddress;
            FileOffset = fileOffset;
            FileSize = fileSize;
            MemorySize = memorySize;
            Access = access;
        }

        public VirtualAddress VirtualAddress { get; }
        public ulong FileOffset { get; }
        public ulong FileSize { get; }
        public ulong MemorySize { get; }
        public ElfSegmentAccess Access { get; }

        /// <summary>The first page the segment touches.</summary>
        public ulong FirstPage => PageSize.AlignDown(VirtualAddress.Value, PageSize.Small);

        /// <summary>The end of the last page the segment touches (exclusive); the parser checked it does not wrap.</summary>
        public ulong PagesEnd => PageSize.AlignDown(VirtualAddress.Value + MemorySize + PageSize.Small - 1, PageSize.Small);

        public bool Contains(ulong address) => address >= VirtualAddress.Value && address - VirtualAddress.Value < MemorySize;
    }
}
