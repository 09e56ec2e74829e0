// One bit per 4 KiB frame over storage the caller owns (the frame allocator keeps it in physical memory and
// reaches it through the direct map). Searches go a 64-bit word at a time, so a full or empty stretch of
// 256 KiB costs one load. Bounds are the caller's job: every method expects from <= to <= BitCount and
// never reads or writes a word past the one holding bit BitCount - 1.
namespace MinimalOS.Kernel.Memory.Physical
{
    public unsafe struct FrameBitmap
    {
        private ulong* _words;

        public FrameBitmap(ulong* words, ulong bitCount)
        {
            _words = words;
            BitCount = bitCount;
        }

        public ulong BitCount { get; }

        public static ulong WordsFor(ulong bitCount) => (bitCount + 63) / 64;

        /// <summary>Points the bitmap at the same storage seen through another mapping (the contents do not move).</summary>
        public void Rebase(ulong* words) => _words = words;

        public bool IsSet(ulong bit) => (_words[bit >> 6] & (1UL << (int)(bit & 63))) != 0;

        public void Set(ulong bit) => _words[bit >> 6] |= 1UL << (int)(bit & 63);

        public void Clear(ulong bit) => _words[bit >> 6] &= ~(1UL << (int)(bit & 63));

        public void SetRange(ulong from, ulong to)
        {
            while (from < to)
            {
                ulong mask = RunMask(from, to, out ulong span);
                _words[from >> 6] |= mask;
                from += span;
            }
        }

        public void ClearRange(ulong from, ulong to)
        {
            while (from < to)
            {
                ulong mask = RunMask(from, to, out ulong span);
                _words[from >> 6] &= ~mask;
                from += span;
            }
        }

        public ulong CountSet(ulong from, ulong to)
        {
            ulong count = 0;
            while (from < to)
            {
                ulong mask = RunMask(from, to, out ulong span);
                count += PopCount(_words[from >> 6] & mask);
                from += span;
            }
            return count;
        }

        /// <summary>The first clear bit in [from, to), or <paramref name="to"/> when there is none.</summary>
        public ulong FindClear(ulong from, ulong to) => Find(from, to, ulong.MaxValue);

        /// <summary>The first set bit in [from, to), or <paramref name="to"/> when there is none.</summary>
        public ulong FindSet(ulong from, ulong to) => Find(from, to, 0);

        // invert = all ones turns "find clear" into "find set" on the complemented word.
        private ulong Find(ulong from, ulong to, ulong invert)
        {
            if (from >= to)
                return to;
            ulong word = from >> 6;
            ulong candidates = (_words[word] ^ invert) & (ulong.MaxValue << (int)(from & 63));
            while (candidates == 0)
            {
                word++;
                if (word << 6 >= to)
                    return to;
                candidates = _words[word] ^ invert;
            }
            ulong found = (word << 6) + TrailingZeroCount(candidates);
            return found < to ? found : to;
        }

        // The bits of from's word that lie in [from, to), and how many there are.
        private static ulong RunMask(ulong from, ulong to, out ulong span)
        {
            int low = (int)(from & 63);
            span = 64 - (ulong)low;
            if (span > to - from)
                span = to - from;
            ulong ones = span == 64 ? ulong.MaxValue : (1UL << (int)span) - 1;
            return ones << low;
        }

        // Our corelib has no BitOperations: halve the window six times (branches, no table in memory).
        private static ulong TrailingZeroCount(ulong value)
        {
            ulong count = 0;
            if ((value & 0xFFFFFFFFUL) == 0) { count += 32; value >>= 32; }
            if ((value & 0xFFFFUL) == 0) { count += 16; value >>= 16; }
            if ((value & 0xFFUL) == 0) { count += 8; value >>= 8; }
            if ((value & 0xFUL) == 0) { count += 4; value >>= 4; }
            if ((value & 0x3UL) == 0) { count += 2; value >>= 2; }
            if ((value & 0x1UL) == 0) count += 1;
            return count;
        }

        private static ulong PopCount(ulong value)
        {
            value -= (value >> 1) & 0x5555555555555555UL;
            value = (value & 0x3333333333333333UL) + ((value >> 2) & 0x3333333333333333UL);
            value = (value + (value >> 4)) & 0x0F0F0F0F0F0F0F0FUL;
            return (value * 0x0101010101010101UL) >> 56;
        }
    }
}
