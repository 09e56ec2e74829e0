// How mint's data word carries a CNode capability's guard (as seL4's CNode cap data): the guard's length
// in bits 0-5 and its value above. The guard is matched against the next bits of a slot path before the
// CNode's radix bits, so one CNode can stand for a long stretch of the path.
namespace MinimalOS.Kernel.Capabilities
{
    public static class CNodeGuard
    {
        private const int LengthBits = 6;

        public static ulong Encode(ulong guard, int guardBits) => (guard << LengthBits) | (uint)guardBits;

        public static ulong Guard(ulong data) => data >> LengthBits;

        public static int GuardBits(ulong data) => (int)(data & ((1UL << LengthBits) - 1));
    }
}
