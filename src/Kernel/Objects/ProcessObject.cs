// The Process kernel object: one page of capability slots that groups what a program is - its CNode (slot
// 0), its address space (slot 1) and up to 62 threads (slots 2-63) - so that the whole program can be
// destroyed as one (ProcessDestroy, or the last process capability going): every thread in it is
// stopped for good and every capability it holds is deleted, which destroys the CNode, the address space
// and the threads when those were their last capabilities. The slots are copies (children) of the
// capabilities the program's creator passed, so revoking those reaches into the process too.
using MinimalOS.Abi;
using MinimalOS.Kernel.Capabilities;

namespace MinimalOS.Kernel.Objects
{
    public static unsafe class ProcessObject
    {
        public const int SlotCount = 64;
        public const int CNodeSlot = 0;
        public const int AddressSpaceSlot = 1;
        public const int FirstThreadSlot = 2;

        public static CapabilitySlot* Slots(CapabilitySlot* process) => (CapabilitySlot*)process->ObjectPointer;

        public static CapabilitySlot* CNode(CapabilitySlot* process) => Slots(process) + CNodeSlot;

        public static CapabilitySlot* AddressSpace(CapabilitySlot* process) => Slots(process) + AddressSpaceSlot;

        /// <summary>Gives the process its CNode and address space (copies of the capabilities given; Write rights needed on the process).</summary>
        public static SyscallError Create(CapabilitySlot* process, CapabilitySlot* cnode, CapabilitySlot* space)
        {
            if (process->Type != ObjectType.Process || cnode->Type != ObjectType.CNode || space->Type != ObjectType.AddressSpace)
                return SyscallError.WrongType;
            if ((process->Rights & CapRights.Write) == 0)
                return SyscallError.InsufficientRights;
            if (!CNode(process)->IsEmpty || !AddressSpace(process)->IsEmpty)
                return SyscallError.InvalidState;
            SyscallError error = CapabilityOperations.Copy(cnode, CNode(process), CapRights.All);
            if (error != SyscallError.None)
                return error;
            error = CapabilityOperations.Copy(space, AddressSpace(process), CapRights.All);
            if (error != SyscallError.None)
            {
                var hooks = new KernelObjectHooks();
                CapabilityOperations.Delete(CNode(process), ref hooks);
            }
            return error;
        }

        /// <summary>A free thread slot of the process, or null when it has 62 threads already.</summary>
        public static CapabilitySlot* FreeThreadSlot(CapabilitySlot* process)
        {
            CapabilitySlot* slots = Slots(process);
            for (int i = FirstThreadSlot; i < SlotCount; i++)
            {
                if (slots[i].IsEmpty)
                    return slots + i;
            }
            return null;
        }

        /// <summary>Stops every thread of the process for good; the capability core then deletes the slots.</summary>
        public static void StopThreads(CapabilitySlot* process)
        {
            CapabilitySlot* slots = Slots(process);
            for (int i = FirstThreadSlot; i < SlotCount; i++)
            {
                if (slots[i].Type == ObjectType.Thread)
                    ThreadObject.Kill(slots + i);
            }
        }

        /// <summary>ProcessDestroy: stop the threads and delete everything the process holds; the object stays, empty.</summary>
        public static SyscallError Destroy(CapabilitySlot* process)
        {
            if (process->Type != ObjectType.Process)
                return SyscallError.WrongType;
            if ((process->Rights & CapRights.Write) == 0)
                return SyscallError.InsufficientRights;
            StopThreads(process);
            var hooks = new KernelObjectHooks();
            CapabilitySlot* slots = Slots(process);
            for (int i = SlotCount - 1; i >= 0; i--)
            {
                if (!slots[i].IsEmpty)
                    CapabilityOperations.Delete(slots + i, ref hooks);
            }
            return SyscallError.None;
        }
    }
}
