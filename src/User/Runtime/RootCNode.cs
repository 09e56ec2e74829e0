// Names slots of the root task's root CNode: slot i is CapSlot.At(i, radix), since the root CNode has no
// guard (docs/SYSCALLS.md, "The root task"). Only a name maker: it holds no authority and checks nothing.
using MinimalOS.Abi;

namespace MinimalOS.User.Runtime
{
    public readonly struct RootCNode
    {
        /// <summary>The radix docs/SYSCALLS.md fixes for the root CNode (the boot-info page repeats it).</summary>
        public const int DocumentedRadix = 12;

        public RootCNode(int radix) => Radix = radix;

        /// <summary>The root CNode as the ABI fixes it, for code that runs before (or without) the boot-info page.</summary>
        public static RootCNode Documented => new RootCNode(DocumentedRadix);

        public int Radix { get; }

        public uint SlotCount => 1u << Radix;

        public CapSlot Slot(uint index) => CapSlot.At(index, Radix);
    }
}
