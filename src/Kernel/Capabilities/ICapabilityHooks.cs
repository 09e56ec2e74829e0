// What the kernel does when the capability core deletes capabilities: the one place object types other than
// CNode and Untyped are finalised. The core takes it as a struct type parameter, so calls are direct and
// nothing allocates. A hook must never call back into the capability core (that would be the recursion the
// core avoids): an object that holds capability slots reports them through HeldSlots and the core empties
// them itself, iteratively.
namespace MinimalOS.Kernel.Capabilities
{
    public unsafe interface ICapabilityHooks
    {
        /// <summary>
        /// Called once for every capability deleted, before its slot is cleared, with its content intact.
        /// <paramref name="final"/>: it is the last capability naming its object, which dies now (tear it
        /// down, wake its waiters with an error); otherwise only this capability goes (a mapped frame
        /// capability is unmapped).
        /// </summary>
        void OnDelete(CapabilitySlot* slot, bool final);

        /// <summary>
        /// Asked, just before OnDelete, for a final capability of a type other than CNode: the capability
        /// slots the dying object holds (e.g. a thread's fault-handler slot), which the core then deletes.
        /// Returns how many consecutive slots start at <paramref name="first"/>; 0 for none.
        /// </summary>
        int HeldSlots(CapabilitySlot* finalSlot, out CapabilitySlot* first);
    }
}
