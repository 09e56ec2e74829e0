// Untyped memory, seL4's way: an untyped capability covers [base, base + 2^SizeBits) of physical memory and
// carves objects from it upwards at a watermark. The watermark only moves up while any object made from the
// region lives (any child in the derivation tree); once the untyped has no children the whole region is
// free again, so revoking the untyped reclaims everything made from it. Objects are zeroed when carved, so
// no object ever sees another's old data (child untyped regions are not zeroed: their objects will be).
// Never hands out memory twice and never changes anything when it refuses.
using MinimalOS.Abi;
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Capabilities
{
    public static unsafe class UntypedMemory
    {
        public const int MaxObjectsPerRetype = 256;

        /// <summary>
        /// Makes <paramref name="count"/> objects of <paramref name="type"/> (size per
        /// <see cref="ObjectSizes"/>) from the untyped capability in <paramref name="untyped"/>, their original
        /// capabilities (all rights) in the consecutive slots from <paramref name="firstDestination"/>, which
        /// must all be empty (the caller has checked that they lie in one CNode, e.g. with
        /// <see cref="CapabilitySpace.SlotRange"/>). <paramref name="directMap"/> reaches the memory to zero it.
        /// </summary>
        public static SyscallError Retype(CapabilitySlot* untyped, ObjectType type, int sizeBits, CapabilitySlot* firstDestination, int count, DirectMap directMap)
        {
            if (untyped->IsEmpty)
                return SyscallError.SlotEmpty;
            if (untyped->_type != ObjectType.Untyped)
                return SyscallError.WrongType;
            SyscallError error = ObjectSizes.TryGetObjectBits(type, sizeBits, out int objectBits);
            if (error != SyscallError.None)
                return error;
            if (count < 1 || count > MaxObjectsPerRetype)
                return SyscallError.Range;
            for (int i = 0; i < count; i++)
            {
                if (!firstDestination[i].IsEmpty)
                    return SyscallError.SlotOccupied;
            }
            ulong regionSize = 1UL << untyped->_sizeBits;
            ulong objectSize = 1UL << objectBits;
            ulong start = (CurrentWatermark(untyped) + objectSize - 1) & ~(objectSize - 1);
            if (objectBits > untyped->_sizeBits || start > regionSize || (ulong)count > (regionSize - start) >> objectBits)
                return SyscallError.OutOfMemory;

            bool physicalObject = type == ObjectType.Untyped || type == ObjectType.Frame;
            for (int i = 0; i < count; i++)
            {
                var physical = new PhysicalAddress(untyped->_object + start + (ulong)i * objectSize);
                CapabilitySlot* slot = firstDestination + i;
                slot->_type = type;
                slot->_rights = CapRights.All;
                slot->_sizeBits = (byte)(physicalObject || type == ObjectType.CNode ? sizeBits : objectBits);
                slot->_object = physicalObject ? physical.Value : (ulong)directMap.ToPointer(physical);
                if (type != ObjectType.Untyped)
                    Zero(directMap.ToPointer(physical), objectSize);
                DerivationTree.InsertChild(untyped, slot);
            }
            untyped->_word0 = start + (ulong)count * objectSize;
            return SyscallError.None;
        }

        /// <summary>Bytes of this untyped region not yet carved: all of it while it has no children.</summary>
        public static ulong FreeBytes(CapabilitySlot* untyped) => (1UL << untyped->_sizeBits) - CurrentWatermark(untyped);

        /// <summary>
        /// Free bytes of this untyped and of every untyped made from it, however deep: the figure that is
        /// back at 2^SizeBits exactly when everything made from the region is gone.
        /// </summary>
        public static ulong TotalFreeBytes(CapabilitySlot* untyped)
        {
            ulong total = FreeBytes(untyped);
            CapabilitySlot* node = untyped->_firstChild;
            while (node != null)
            {
                if (node->_type == ObjectType.Untyped)
                    total += FreeBytes(node);
                if (node->_firstChild != null)
                {
                    node = node->_firstChild;
                    continue;
                }
                while (node != untyped && node->_nextSibling == null)
                    node = node->_parent;
                node = node == untyped ? null : node->_nextSibling;
            }
            return total;
        }

        private static ulong CurrentWatermark(CapabilitySlot* untyped) => untyped->_firstChild == null ? 0 : untyped->_word0;

        private static void Zero(byte* memory, ulong bytes)
        {
            ulong* words = (ulong*)memory;
            ulong count = bytes / sizeof(ulong);
            for (ulong i = 0; i < count; i++)
                words[i] = 0;
        }
    }
}
