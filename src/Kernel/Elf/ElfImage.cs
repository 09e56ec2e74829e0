// What the loader needs from an accepted ELF executable: the entry point and its PT_LOAD segments, in
// file order. A fixed-capacity value (no allocation), filled only by ElfParser.
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Elf
{
    public unsafe struct ElfImage
    {
        public const int MaxSegments = 16;
        /// <summary>Program headers of any type; more is refused, so a hostile phnum cannot make parsing slow.</summary>
        public const int MaxProgramHeaders = 64;

        private fixed ulong _virtualAddresses[MaxSegments];
        private fixed ulong _fileOffsets[MaxSegments];
        private fixed ulong _fileSizes[MaxSegments];
        private fixed ulong _memorySizes[MaxSegments];
        private fixed byte _access[MaxSegments];

        public VirtualAddress Entry { get; internal set; }

        public int SegmentCount { get; private set; }

        public ElfSegment Segment(int index)
        {
            if ((uint)index >= (uint)SegmentCount)
                throw new System.IndexOutOfRangeException();
            return new ElfSegment(new VirtualAddress(_virtualAddresses[index]), _fileOffsets[index], _fileSizes[index],
                _memorySizes[index], (ElfSegmentAccess)_access[index]);
        }

        /// <summary>False when the image already holds MaxSegments segments.</summary>
        internal bool TryAdd(ElfSegment segment)
        {
            if (SegmentCount == MaxSegments)
                return false;
            int index = SegmentCount++;
            _virtualAddresses[index] = segment.VirtualAddress.Value;
            _fileOffsets[index] = segment.FileOffset;
            _fileSizes[index] = segment.FileSize;
            _memorySizes[index] = segment.MemorySize;
            _access[index] = (byte)segment.Access;
            return true;
        }
    }
}
