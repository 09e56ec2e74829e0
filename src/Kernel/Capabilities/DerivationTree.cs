// The derivation tree's link surgery: insert a child, take a slot out (its children take its place among
// its siblings, under its parent), move a slot's place to another slot, find a leaf below a slot. Every cap
// derived from another (copy, mint, retype) is its child; siblings form a doubly-linked list headed by the
// parent's FirstChild. Capabilities without a parent are single, except that the children of a deleted one
// stay linked as siblings with no head. Invariant the finality test relies on: among the children of an
// untyped (and in such a headless list) the capabilities to one object are adjacent, because a new object is
// inserted at the head and a deleted capability is replaced in place by its children, which name its object.
// Only links change here, never what a capability names, and nothing recurses.
namespace MinimalOS.Kernel.Capabilities
{
    internal static unsafe class DerivationTree
    {
        public static void InsertChild(CapabilitySlot* parent, CapabilitySlot* child)
        {
            CapabilitySlot* next = parent->_firstChild;
            child->_parent = parent;
            child->_prevSibling = null;
            child->_nextSibling = next;
            if (next != null)
                next->_prevSibling = child;
            parent->_firstChild = child;
        }

        /// <summary>Takes <paramref name="slot"/> out of the tree; its children take its place among its siblings.</summary>
        public static void Unlink(CapabilitySlot* slot)
        {
            CapabilitySlot* parent = slot->_parent;
            CapabilitySlot* prev = slot->_prevSibling;
            CapabilitySlot* next = slot->_nextSibling;
            CapabilitySlot* head = next;
            CapabilitySlot* last = prev;
            CapabilitySlot* first = slot->_firstChild;
            if (first != null)
            {
                for (CapabilitySlot* child = first; child != null; child = child->_nextSibling)
                {
                    child->_parent = parent;
                    last = child;
                }
                first->_prevSibling = prev;
                last->_nextSibling = next;
                head = first;
            }
            if (next != null)
                next->_prevSibling = last;
            if (prev != null)
                prev->_nextSibling = head;
            else if (parent != null)
                parent->_firstChild = head;
            slot->_parent = null;
            slot->_firstChild = null;
            slot->_nextSibling = null;
            slot->_prevSibling = null;
        }

        /// <summary>Moves <paramref name="from"/>'s content and place to the empty <paramref name="to"/>; every link to it follows.</summary>
        public static void Move(CapabilitySlot* from, CapabilitySlot* to)
        {
            *to = *from;
            *from = default;
            if (to->_prevSibling != null)
                to->_prevSibling->_nextSibling = to;
            else if (to->_parent != null)
                to->_parent->_firstChild = to;
            if (to->_nextSibling != null)
                to->_nextSibling->_prevSibling = to;
            for (CapabilitySlot* child = to->_firstChild; child != null; child = child->_nextSibling)
                child->_parent = to;
        }

        /// <summary>A descendant of <paramref name="slot"/> without children (first children all the way down); null if it has none.</summary>
        public static CapabilitySlot* DeepestDescendant(CapabilitySlot* slot)
        {
            CapabilitySlot* node = slot->_firstChild;
            if (node == null)
                return null;
            while (node->_firstChild != null)
                node = node->_firstChild;
            return node;
        }
    }
}
