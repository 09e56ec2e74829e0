// Finding a slot from a program's name for it: a CapSlot path resolved from the program's root CNode
// capability as seL4 does it (src/Abi/CapSlot.cs), and the range of slots a call writes into. A name that
// does not resolve is InvalidCapability whatever the reason, so a program learns nothing about the CSpace
// beyond its own path. Resolution only reads; it never follows more CNodes than the depth has bits for.
using MinimalOS.Abi;

namespace MinimalOS.Kernel.Capabilities
{
    public static unsafe class CapabilitySpace
    {
        /// <summary>
        /// The slot <paramref name="path"/> names below the CNode capability <paramref name="root"/>. The slot
        /// may be empty (callers that need a capability check <see cref="CapabilitySlot.IsEmpty"/> and return
        /// SlotEmpty; callers that need a destination check it is empty).
        /// </summary>
        public static SyscallError Resolve(CapabilitySlot* root, CapSlot path, out CapabilitySlot* slot)
        {
            slot = null;
            int remaining = path.Depth;
            if (remaining < 1 || remaining > CapSlot.MaxDepth)
                return SyscallError.InvalidCapability;
            ulong bits = path.Path;
            CapabilitySlot* node = root;
            while (true)
            {
                // Also the rule for a slot reached with bits left: it must hold a CNode capability to go on.
                if (node->_type != ObjectType.CNode)
                    return SyscallError.InvalidCapability;
                int guardBits = node->CNodeGuardBits;
                int levelBits = guardBits + node->CNodeRadix;
                if (levelBits > remaining)
                    return SyscallError.InvalidCapability;
                if (((bits >> (remaining - guardBits)) & LowBits(guardBits)) != node->CNodeGuard)
                    return SyscallError.InvalidCapability;
                remaining -= levelBits;
                CapabilitySlot* next = node->CNodeSlots + ((bits >> remaining) & LowBits(node->CNodeRadix));
                if (remaining == 0)
                {
                    slot = next;
                    return SyscallError.None;
                }
                node = next;
            }
        }

        /// <summary>
        /// The first of <paramref name="count"/> consecutive slots from <paramref name="firstIndex"/> in the
        /// CNode that <paramref name="cnode"/> names: SlotEmpty, WrongType, or Range when they do not all fit.
        /// </summary>
        public static SyscallError SlotRange(CapabilitySlot* cnode, ulong firstIndex, int count, out CapabilitySlot* first)
        {
            first = null;
            if (cnode->IsEmpty)
                return SyscallError.SlotEmpty;
            if (cnode->_type != ObjectType.CNode)
                return SyscallError.WrongType;
            ulong slots = 1UL << cnode->CNodeRadix;
            if (count < 1 || firstIndex >= slots || (ulong)count > slots - firstIndex)
                return SyscallError.Range;
            first = cnode->CNodeSlots + firstIndex;
            return SyscallError.None;
        }

        private static ulong LowBits(int count) => (1UL << count) - 1;
    }
}
