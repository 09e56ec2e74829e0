// How a program names a capability: a path of slot indexes through its CNodes, resolved from its root CNode
// the way seL4 does it. The path's low Depth bits are read from the most significant end: each CNode on
// the way takes its guard bits (which must match its guard) and then its radix bits as the slot index;
// when the bits are used up exactly, that slot is the one named. One 64-bit register carries a CapSlot:
// the path in bits 0-55 and the depth in bits 56-63. A CapSlot is only a name: holding one gives nothing.
namespace MinimalOS.Abi
{
    public readonly struct CapSlot
    {
        public const int MaxDepth = 56;
        private const ulong PathMask = (1UL << MaxDepth) - 1;

        public ulong Encoded { get; }

        private CapSlot(ulong encoded) => Encoded = encoded;

        /// <summary>The slot at <paramref name="path"/> read with <paramref name="depth"/> bits (1 to 56).</summary>
        public static CapSlot At(ulong path, int depth) => new CapSlot((path & PathMask) | ((ulong)(byte)depth << MaxDepth));

        /// <summary>A register value as a program passed it; Depth may be out of range until resolution checks it.</summary>
        public static CapSlot FromRegister(ulong value) => new CapSlot(value);

        public ulong Path => Encoded & PathMask;
        public int Depth => (int)(Encoded >> MaxDepth);
    }
}
