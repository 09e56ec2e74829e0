// The kernel's side of the capability core's deletion hooks: what each object type does when one of its
// capabilities goes (a mapped frame or page table is unmapped) and when its last one goes (an address
// space retires its id, a thread is stopped for good, a process stops its threads, an endpoint or reply object wakes its waiters), and which capability
// slots a dying thread or process holds, for the core to delete. Never calls back into the core.
using MinimalOS.Abi;
using MinimalOS.Kernel.Capabilities;

namespace MinimalOS.Kernel.Objects
{
    public unsafe struct KernelObjectHooks : ICapabilityHooks
    {
        public void OnDelete(CapabilitySlot* slot, bool final)
        {
            switch (slot->Type)
            {
                case ObjectType.Frame:
                    FrameObject.OnCapabilityDeleted(slot);
                    break;
                case ObjectType.PageTable:
                    PageTableObject.OnCapabilityDeleted(slot);
                    break;
                case ObjectType.AddressSpace:
                    if (final)
                        AddressSpaceObject.Destroy(slot);
                    break;
                case ObjectType.Thread:
                    if (final)
                        ThreadObject.Kill(slot);
                    break;
                case ObjectType.Process:
                    if (final)
                        ProcessObject.StopThreads(slot);
                    break;
                case ObjectType.Endpoint:
                    if (final)
                        EndpointObject.Destroy(slot);
                    break;
                case ObjectType.Reply:
                    if (final)
                        ReplyObject.Destroy(slot);
                    break;
                case ObjectType.Notification:
                    if (final)
                        NotificationObject.Destroy(slot);
                    break;
            }
        }

        public int HeldSlots(CapabilitySlot* finalSlot, out CapabilitySlot* first)
        {
            switch (finalSlot->Type)
            {
                case ObjectType.Thread:
                    first = ThreadObject.HeldSlots(finalSlot);
                    return ThreadObject.HeldSlotCount;
                case ObjectType.Process:
                    first = ProcessObject.Slots(finalSlot);
                    return ProcessObject.SlotCount;
                default:
                    first = null;
                    return 0;
            }
        }
    }
}
