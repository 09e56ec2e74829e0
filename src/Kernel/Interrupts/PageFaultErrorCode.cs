// The error code a #PF pushes, decoded: why the access faulted (page not present or a protection
// violation), what kind of access it was, and from which privilege level. Decoding only, no policy.
using MinimalOS.Kernel.Text;

namespace MinimalOS.Kernel.Interrupts
{
    public readonly struct PageFaultErrorCode
    {
        private const ulong PresentBit = 1UL << 0;
        private const ulong WriteBit = 1UL << 1;
        private const ulong UserBit = 1UL << 2;
        private const ulong ReservedBit = 1UL << 3;
        private const ulong InstructionFetchBit = 1UL << 4;
        private const ulong ProtectionKeyBit = 1UL << 5;
        private const ulong ShadowStackBit = 1UL << 6;

        public PageFaultErrorCode(ulong raw) => Raw = raw;

        public ulong Raw { get; }

        /// <summary>The page was present (a protection violation); false: the page is not mapped.</summary>
        public bool PagePresent => (Raw & PresentBit) != 0;
        public bool Write => (Raw & WriteBit) != 0;
        public bool User => (Raw & UserBit) != 0;
        /// <summary>A paging-structure entry had a reserved bit set: corrupt page tables, never a normal fault.</summary>
        public bool ReservedBitSet => (Raw & ReservedBit) != 0;
        public bool InstructionFetch => (Raw & InstructionFetchBit) != 0;
        public bool ProtectionKey => (Raw & ProtectionKeyBit) != 0;
        public bool ShadowStack => (Raw & ShadowStackBit) != 0;

        /// <summary>Appends e.g. "not present, read, supervisor" (plus any rarer bits that are set).</summary>
        public void AppendDescription(ref TextWriterSpan writer)
        {
            writer.Append(PagePresent ? "present" : "not present");
            writer.Append(InstructionFetch ? ", instruction fetch" : Write ? ", write" : ", read");
            writer.Append(User ? ", user" : ", supervisor");
            if (ReservedBitSet)
                writer.Append(", reserved bit set");
            if (ProtectionKey)
                writer.Append(", protection key");
            if (ShadowStack)
                writer.Append(", shadow stack");
        }
    }
}
