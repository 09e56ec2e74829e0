// Hands out x86 process-context identifiers (PCIDs, 12 bits) to user address spaces. 0 is the kernel's
// and never handed out; when all 4095 are in use a space gets 0 as well, which means "untagged": it is
// flushed at every switch to it (correct, only slower). Guarded by the caller's lock: not thread-safe.
namespace MinimalOS.Kernel.Memory.Paging
{
    public unsafe struct ProcessContextIds
    {
        public const int Count = 4096;
        public const ushort Untagged = 0;
        private const int Words = Count / 64;

        private fixed ulong _used[Words];
        private int _inUse;

        public int InUse => _inUse;

        /// <summary>The lowest free PCID (1..4095), or Untagged when none is free.</summary>
        public ushort Allocate()
        {
            for (int word = 0; word < Words; word++)
            {
                ulong free = ~_used[word];
                if (word == 0)
                    free &= ~1UL;
                if (free == 0)
                    continue;
                int bit = Heap.BitScan.LowestSetBit(free);
                _used[word] |= 1UL << bit;
                _inUse++;
                return (ushort)(word * 64 + bit);
            }
            return Untagged;
        }

        /// <summary>Returns a PCID from Allocate; Untagged and ids not in use are ignored (false).</summary>
        public bool Free(ushort pcid)
        {
            if (pcid == Untagged || pcid >= Count)
                return false;
            ulong bit = 1UL << (pcid % 64);
            if ((_used[pcid / 64] & bit) == 0)
                return false;
            _used[pcid / 64] &= ~bit;
            _inUse--;
            return true;
        }
    }
}
