// Physical ranges the frame allocator must never hand out even where the memory map says "usable" (the
// kernel image, boot modules, the boot information, the framebuffer). Ranges may overlap each other and
// the map; each is widened to whole frames when applied. A fixed capacity: the boot path adds a handful,
// and one more than fits is refused (Add returns false) rather than silently lost.
namespace MinimalOS.Kernel.Memory.Physical
{
    public sealed class ReservedRanges
    {
        public const int Capacity = 64;

        private readonly ulong[] _starts = new ulong[Capacity];
        private readonly ulong[] _ends = new ulong[Capacity];
        private readonly string[] _reasons = new string[Capacity];

        public int Count { get; private set; }

        public PhysicalAddress Start(int index) => new PhysicalAddress(_starts[index]);

        /// <summary>First address past the range; never wraps (ranges reaching the top are clipped).</summary>
        public ulong End(int index) => _ends[index];

        public string Reason(int index) => _reasons[index];

        /// <summary>Adds [start, start + length); an empty range is accepted and ignored. False when full.</summary>
        public bool Add(PhysicalAddress start, ulong length, string reason)
        {
            if (length == 0)
                return true;
            if (Count == Capacity)
                return false;
            ulong end = length > ulong.MaxValue - start.Value ? ulong.MaxValue : start.Value + length;
            _starts[Count] = start.Value;
            _ends[Count] = end;
            _reasons[Count] = reason;
            Count++;
            return true;
        }

        /// <summary>True when [start, end) meets a range; <paramref name="overlapEnd"/> is then that range's end.</summary>
        public bool FindOverlap(ulong start, ulong end, out ulong overlapEnd)
        {
            for (int i = 0; i < Count; i++)
            {
                if (_starts[i] < end && _ends[i] > start)
                {
                    overlapEnd = _ends[i];
                    return true;
                }
            }
            overlapEnd = 0;
            return false;
        }
    }
}
