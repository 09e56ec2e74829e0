// What the fuzz process's CNode (radix 8, no guard) holds when its thread starts, slot by slot. The root
// task puts copies there (and the untyped itself); everything that keeps the fuzz thread alive - the
// frames and page tables of its image, stack, scratch and shared pages, its process - stays in the root
// CNode, out of the fuzz thread's reach.
namespace MinimalOS.Tests.User.Fuzzer
{
    internal static class FuzzSlots
    {
        public const int Radix = 8;
        public const int SubCNodeRadix = 4;
        public const uint CNode = 1;
        public const uint AddressSpace = 2;
        public const uint Thread = 3;
        public const uint DebugLog = 4;
        public const uint Untyped = 5;
        public const uint FirstSubCNode = 6;
        public const uint SubCNodeCount = 2;
        public const uint FirstFrame = 8;
        public const uint FrameCount = 2;
        /// <summary>Slots below this one are where the capabilities are: the generator picks them most often.</summary>
        public const uint Populated = 16;
        /// <summary>Slots [Populated, Populated + WorkSlots): where the generator has retype put its objects most often.</summary>
        public const uint WorkSlots = 16;
        public const int UntypedBits = 22;
    }
}
