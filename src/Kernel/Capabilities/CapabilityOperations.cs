// The capability operations a program asks for, on slots the caller has already resolved: copy, mint, move,
// delete, revoke. Each checks everything first and then either does all of its work or returns an error
// having changed nothing. Rights only ever shrink; an untyped or page-table capability is never duplicated,
// so each untyped region has exactly one capability (its watermark one owner) and each table one mapping. No allocation, no recursion.
using MinimalOS.Abi;

namespace MinimalOS.Kernel.Capabilities
{
    public static unsafe class CapabilityOperations
    {
        /// <summary>Puts a child of <paramref name="source"/> with rights source &amp; <paramref name="rightsMask"/> in <paramref name="destination"/>.</summary>
        public static SyscallError Copy(CapabilitySlot* source, CapabilitySlot* destination, CapRights rightsMask)
        {
            SyscallError error = CheckDerivation(source, destination);
            if (error != SyscallError.None)
                return error;
            Derive(source, destination, rightsMask);
            return SyscallError.None;
        }

        /// <summary>
        /// A copy that also sets <paramref name="data"/>: the badge of an Endpoint or Notification capability
        /// (only from an unbadged one; 0 leaves it unbadged), or the guard of a CNode capability as encoded by
        /// <see cref="CNodeGuard"/>. Other types have nothing to set: IllegalOperation.
        /// </summary>
        public static SyscallError Mint(CapabilitySlot* source, CapabilitySlot* destination, CapRights rightsMask, ulong data)
        {
            SyscallError error = CheckDerivation(source, destination);
            if (error != SyscallError.None)
                return error;
            switch (source->_type)
            {
                case ObjectType.Endpoint:
                case ObjectType.Notification:
                    if (source->Badge != 0)
                        return SyscallError.IllegalOperation;
                    Derive(source, destination, rightsMask);
                    destination->_word1 = data;
                    return SyscallError.None;
                case ObjectType.CNode:
                    ulong guard = CNodeGuard.Guard(data);
                    int guardBits = CNodeGuard.GuardBits(data);
                    if (guardBits + source->CNodeRadix > CapSlot.MaxDepth || (guard >> guardBits) != 0)
                        return SyscallError.Range;
                    Derive(source, destination, rightsMask);
                    destination->_word0 = guard;
                    destination->_word1 = (ulong)guardBits;
                    return SyscallError.None;
                default:
                    return SyscallError.IllegalOperation;
            }
        }

        /// <summary>Moves the capability, with its place in the derivation tree, to the empty <paramref name="destination"/>.</summary>
        public static SyscallError Move(CapabilitySlot* source, CapabilitySlot* destination)
        {
            if (source->IsEmpty)
                return SyscallError.SlotEmpty;
            if (!destination->IsEmpty)
                return SyscallError.SlotOccupied;
            DerivationTree.Move(source, destination);
            return SyscallError.None;
        }

        /// <summary>
        /// Empties the slot. Its children survive (they move up to its parent), except that an untyped
        /// capability is revoked first. The last capability to an object destroys it (through the hooks; a
        /// CNode's slots are deleted in turn).
        /// </summary>
        public static SyscallError Delete<THooks>(CapabilitySlot* slot, ref THooks hooks) where THooks : struct, ICapabilityHooks
        {
            if (slot->IsEmpty)
                return SyscallError.SlotEmpty;
            CapabilityDeletion.Delete(slot, ref hooks);
            return SyscallError.None;
        }

        /// <summary>Deletes every capability derived from this one (needs the Revoke right); the slot itself stays.</summary>
        public static SyscallError Revoke<THooks>(CapabilitySlot* slot, ref THooks hooks) where THooks : struct, ICapabilityHooks
        {
            if (slot->IsEmpty)
                return SyscallError.SlotEmpty;
            if ((slot->_rights & CapRights.Revoke) == 0)
                return SyscallError.InsufficientRights;
            CapabilityDeletion.Revoke(slot, ref hooks);
            return SyscallError.None;
        }

        /// <summary>Whether deleting this capability would destroy its object.</summary>
        public static bool IsFinal(CapabilitySlot* slot) => !slot->IsEmpty && CapabilityDeletion.IsFinal(slot);

        private static SyscallError CheckDerivation(CapabilitySlot* source, CapabilitySlot* destination)
        {
            if (source->IsEmpty)
                return SyscallError.SlotEmpty;
            // One capability per untyped region (one watermark owner) and per page table (mapped at most once).
            if (source->_type == ObjectType.Untyped || source->_type == ObjectType.PageTable)
                return SyscallError.IllegalOperation;
            if (!destination->IsEmpty)
                return SyscallError.SlotOccupied;
            return SyscallError.None;
        }

        private static void Derive(CapabilitySlot* source, CapabilitySlot* destination, CapRights rightsMask)
        {
            *destination = *source;
            destination->_rights = source->_rights & rightsMask;
            destination->_firstChild = null;
            if (source->_type == ObjectType.Frame)
            {
                // A copy of a mapped frame capability is not mapped: each mapping belongs to one capability.
                destination->_word0 = 0;
                destination->_word1 = 0;
            }
            DerivationTree.InsertChild(source, destination);
        }
    }
}
