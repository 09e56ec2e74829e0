// The contents of the IA32_PAT MSR and what it means for page-table entries. A leaf entry selects one of
// the eight PAT entries by three bits: PWT (bit 3) is index bit 0, PCD (bit 4) index bit 1, and the PAT bit
// index bit 2 - bit 7 in a 4 KiB entry, but bit 12 in a 2 MiB or 1 GiB entry, where bit 7 is the page-size bit.
//
// The kernel's layout (Kernel) keeps the power-on value except entry 1, WT -> WC, as Linux does:
//   0 WB, 1 WC, 2 UC-, 3 UC, 4 WB, 5 WT, 6 UC-, 7 UC.
// Why entry 1 and not 4: every cache type the kernel hands out (WB 0, WC 1, UC 3) then needs no PAT bit,
// so it is selected the same way in 4 KiB and 2 MiB entries and still works on CPUs whose PAT-bit handling
// has errata; and the kernel's own mappings keep their meaning (WB with PCD=PWT=0, device registers UC with
// PCD|PWT), because nothing in the kernel uses PWT alone (write-through). It never writes the MSR itself.
namespace MinimalOS.Kernel.Memory.Paging
{
    public readonly struct PatLayout
    {
        /// <summary>What IA32_PAT holds after reset: WB, WT, UC-, UC, repeated.</summary>
        public const ulong PowerOnMsrValue = 0x0007_0406_0007_0406;

        /// <summary>The value the kernel programs on every CPU (see the file header).</summary>
        public const ulong KernelMsrValue = 0x0007_0406_0007_0106;

        public const ulong WriteThroughBit = 1UL << 3;
        public const ulong CacheDisableBit = 1UL << 4;
        public const ulong SmallPagePatBit = 1UL << 7;
        public const ulong LargePagePatBit = 1UL << 12;

        private const int Entries = 8;

        public PatLayout(ulong msrValue) => MsrValue = msrValue;

        public static PatLayout Kernel => new PatLayout(KernelMsrValue);

        public ulong MsrValue { get; }

        /// <summary>True when every entry holds a defined memory type (writing anything else to the MSR faults).</summary>
        public bool IsValid
        {
            get
            {
                for (int entry = 0; entry < Entries; entry++)
                {
                    ulong type = RawEntry(entry);
                    if (type > (ulong)PatMemoryType.UncachedMinus || type == 2 || type == 3)
                        return false;
                }
                return true;
            }
        }

        public PatMemoryType EntryType(int entry) => (PatMemoryType)RawEntry(entry & (Entries - 1));

        /// <summary>The PWT, PCD and PAT bits of a leaf that selects <paramref name="cache"/> (the lowest PAT entry
        /// holding it); false when the cache type is unknown or no entry holds it.</summary>
        public bool TryGetLeafBits(CacheType cache, bool largePage, out ulong bits)
        {
            bits = 0;
            if (!TryMemoryTypeOf(cache, out PatMemoryType wanted))
                return false;
            for (int entry = 0; entry < Entries; entry++)
            {
                if (EntryType(entry) != wanted)
                    continue;
                if ((entry & 1) != 0)
                    bits |= WriteThroughBit;
                if ((entry & 2) != 0)
                    bits |= CacheDisableBit;
                if ((entry & 4) != 0)
                    bits |= largePage ? LargePagePatBit : SmallPagePatBit;
                return true;
            }
            return false;
        }

        /// <summary>Every bit of a leaf that takes part in choosing the PAT entry.</summary>
        public static ulong LeafBitsMask(bool largePage) => WriteThroughBit | CacheDisableBit | (largePage ? LargePagePatBit : SmallPagePatBit);

        /// <summary>The memory type a leaf entry selects under this layout.</summary>
        public PatMemoryType MemoryTypeOf(ulong leaf, bool largePage)
        {
            int entry = 0;
            if ((leaf & WriteThroughBit) != 0)
                entry |= 1;
            if ((leaf & CacheDisableBit) != 0)
                entry |= 2;
            if ((leaf & (largePage ? LargePagePatBit : SmallPagePatBit)) != 0)
                entry |= 4;
            return EntryType(entry);
        }

        private ulong RawEntry(int entry) => (MsrValue >> (8 * entry)) & 0xFF;

        private static bool TryMemoryTypeOf(CacheType cache, out PatMemoryType type)
        {
            switch (cache)
            {
                case CacheType.WriteBack:
                    type = PatMemoryType.WriteBack;
                    return true;
                case CacheType.WriteCombining:
                    type = PatMemoryType.WriteCombining;
                    return true;
                case CacheType.Uncached:
                    type = PatMemoryType.Uncacheable;
                    return true;
                default:
                    type = PatMemoryType.Uncacheable;
                    return false;
            }
        }
    }
}
