// The deletion engine behind delete and revoke: deletes a capability and everything its deletion implies,
// without recursion and without allocating. Deleting can cascade without bound (the last capability to a
// CNode empties the CNode, which may hold the last capability to another CNode, or to itself; an untyped
// capability with children is revoked first, which may delete CNodes, ...), and kernel stacks are 16 KiB,
// so the cascade is a loop over a worklist threaded through the slots themselves:
// - a revoking untyped (Pending): still in the tree; Word0/Word1 hold the worklist links (its watermark is
//   dead: it is being deleted); each step deletes one leaf below it, re-reading the tree, until it has no
//   children and is deleted itself;
// - a zombie (Pending | Zombie): the slot of a final capability whose object holds slots (a CNode, or what
//   HeldSlots reports). It has left the tree; Object points at the next held slot to empty and Aux counts
//   the slots left; each step deletes one of them.
// The worklist is a doubly-linked stack (Word0: the older entry, Word1: the newer), so a revoking untyped
// can be taken out of the middle when another revoke reaches it as a leaf. Pending slots are never started
// again: an emptying zombie skips them (they are finished by their own entry), so each slot is deleted once.
// Nothing reuses memory while this runs, so slots of objects that died earlier in the same operation stay
// readable until the worklist is empty. Only whole operations run here; the caller holds the capability lock.
using MinimalOS.Abi;

namespace MinimalOS.Kernel.Capabilities
{
    internal static unsafe class CapabilityDeletion
    {
        /// <summary>Deletes the capability in the non-empty <paramref name="slot"/> and every consequence.</summary>
        public static void Delete<THooks>(CapabilitySlot* slot, ref THooks hooks) where THooks : struct, ICapabilityHooks
        {
            CapabilitySlot* top = null;
            Start(slot, ref top, ref hooks);
            Drain(ref top, ref hooks);
        }

        /// <summary>Deletes every descendant of <paramref name="slot"/>, not the slot itself unless a cascade reaches it.</summary>
        public static void Revoke<THooks>(CapabilitySlot* slot, ref THooks hooks) where THooks : struct, ICapabilityHooks
        {
            // Re-read after every step: a cascade may delete other descendants, or this very slot.
            while (!slot->IsEmpty && slot->_firstChild != null)
                Delete(DerivationTree.DeepestDescendant(slot), ref hooks);
        }

        /// <summary>
        /// A capability is final, the last one naming its object, when it has no children, its parent (if
        /// any) names another object (only an untyped's children do), and neither neighbouring sibling names
        /// its object. Every capability to an object descends from the original that retype (or boot) made;
        /// deleting the original moves its copies up beside it, where they stay adjacent (DerivationTree), so
        /// the neighbours are the only other place one can be.
        /// </summary>
        public static bool IsFinal(CapabilitySlot* slot) =>
            slot->_firstChild == null
            && (slot->_parent == null || slot->_parent->_type == ObjectType.Untyped)
            && !SameObject(slot, slot->_prevSibling)
            && !SameObject(slot, slot->_nextSibling);

        private static bool SameObject(CapabilitySlot* slot, CapabilitySlot* other) =>
            other != null && other->_type == slot->_type && other->_object == slot->_object;

        private static void Start<THooks>(CapabilitySlot* slot, ref CapabilitySlot* top, ref THooks hooks) where THooks : struct, ICapabilityHooks
        {
            if (slot->_type == ObjectType.Untyped && slot->_firstChild != null)
            {
                slot->_flags = CapabilitySlot.PendingFlag;
                Push(slot, ref top);
                return;
            }
            Remove(slot, ref top, ref hooks);
        }

        // Deletes a capability with no pending work of its own (an untyped here has no children).
        private static void Remove<THooks>(CapabilitySlot* slot, ref CapabilitySlot* top, ref THooks hooks) where THooks : struct, ICapabilityHooks
        {
            bool final = IsFinal(slot);
            CapabilitySlot* held = null;
            int heldCount = 0;
            if (final)
            {
                if (slot->_type == ObjectType.CNode)
                {
                    held = slot->CNodeSlots;
                    heldCount = 1 << slot->_sizeBits;
                }
                else
                {
                    heldCount = hooks.HeldSlots(slot, out held);
                }
            }
            hooks.OnDelete(slot, final);
            DerivationTree.Unlink(slot);
            if (heldCount <= 0)
            {
                *slot = default;
                return;
            }
            slot->_flags = CapabilitySlot.PendingFlag | CapabilitySlot.ZombieFlag;
            slot->_object = (ulong)held;
            slot->_aux = (uint)heldCount;
            Push(slot, ref top);
        }

        private static void Drain<THooks>(ref CapabilitySlot* top, ref THooks hooks) where THooks : struct, ICapabilityHooks
        {
            while (top != null)
            {
                CapabilitySlot* work = top;
                if ((work->_flags & CapabilitySlot.ZombieFlag) != 0)
                {
                    if (work->_aux == 0)
                    {
                        Take(work, ref top);
                        *work = default;
                        continue;
                    }
                    CapabilitySlot* held = (CapabilitySlot*)work->_object;
                    work->_object += CapabilitySlot.Size;
                    work->_aux--;
                    if (!held->IsEmpty && (held->_flags & CapabilitySlot.PendingFlag) == 0)
                        Start(held, ref top, ref hooks);
                    continue;
                }
                if (work->_firstChild == null)
                {
                    Finish(work, ref top, ref hooks);
                    continue;
                }
                CapabilitySlot* leaf = DerivationTree.DeepestDescendant(work);
                if ((leaf->_flags & CapabilitySlot.PendingFlag) != 0)
                    Finish(leaf, ref top, ref hooks);
                else
                    Start(leaf, ref top, ref hooks);
            }
        }

        // A revoking untyped whose children are all gone: off the worklist, its words restored, deleted.
        private static void Finish<THooks>(CapabilitySlot* untyped, ref CapabilitySlot* top, ref THooks hooks) where THooks : struct, ICapabilityHooks
        {
            Take(untyped, ref top);
            untyped->_flags = 0;
            untyped->_word0 = 0;
            untyped->_word1 = 0;
            Remove(untyped, ref top, ref hooks);
        }

        private static void Push(CapabilitySlot* slot, ref CapabilitySlot* top)
        {
            slot->_word0 = (ulong)top;
            slot->_word1 = 0;
            if (top != null)
                top->_word1 = (ulong)slot;
            top = slot;
        }

        private static void Take(CapabilitySlot* slot, ref CapabilitySlot* top)
        {
            CapabilitySlot* older = (CapabilitySlot*)slot->_word0;
            CapabilitySlot* newer = (CapabilitySlot*)slot->_word1;
            if (newer != null)
                newer->_word0 = (ulong)older;
            else
                top = older;
            if (older != null)
                older->_word1 = (ulong)newer;
            slot->_word0 = 0;
            slot->_word1 = 0;
        }
    }
}
