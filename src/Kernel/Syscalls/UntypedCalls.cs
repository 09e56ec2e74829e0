// UntypedRetype: carves objects out of untyped memory into consecutive empty slots of a CNode (the
// capability core does the carving and the accounting; object types with state are then set up here).
// It first waits until no destroyed thread is still on a CPU, since the memory it zeroes may have been
// such a thread's stack.
using MinimalOS.Abi;
using MinimalOS.Kernel.Capabilities;
using MinimalOS.Kernel.Objects;

namespace MinimalOS.Kernel.Syscalls
{
    public static unsafe class UntypedCalls
    {
        /// <summary>A0 untyped (Write), A1 object type, A2 size bits, A3 destination CNode (Write), A4 first slot index, A5 count.</summary>
        public static SyscallResult Retype(in SyscallArguments arguments)
        {
            if (arguments.A1 > byte.MaxValue || arguments.A2 > 64 || arguments.A5 == 0 || arguments.A5 > (ulong)UntypedMemory.MaxObjectsPerRetype)
                return arguments.A1 > byte.MaxValue ? SyscallError.InvalidArgument : SyscallError.Range;
            var type = (ObjectType)arguments.A1;
            int count = (int)arguments.A5;
            while (true)
            {
                if (!ThreadWaits.UntilDestroyedThreadsLeft())
                    return SyscallError.WouldBlock;
                KernelObjects.Lock.Acquire();
                if (KernelObjects.ThreadMemoryPins != 0)
                {
                    KernelObjects.Lock.Release();
                    continue;
                }
                SyscallError error = RetypeLocked(in arguments, type, count);
                KernelObjects.Lock.Release();
                return error;
            }
        }

        private static SyscallError RetypeLocked(in SyscallArguments arguments, ObjectType type, int count)
        {
            SyscallError error = CallerCapabilities.Capability(arguments.A0, ObjectType.Untyped, CapRights.Write, out CapabilitySlot* untyped);
            if (error != SyscallError.None)
                return error;
            error = CallerCapabilities.Capability(arguments.A3, ObjectType.CNode, CapRights.Write, out CapabilitySlot* cnode);
            if (error != SyscallError.None)
                return error;
            error = CapabilitySpace.SlotRange(cnode, arguments.A4, count, out CapabilitySlot* first);
            if (error != SyscallError.None)
                return error;
            if (type == ObjectType.AddressSpace && KernelObjects.Spaces.Free < count)
                return SyscallError.OutOfMemory;
            error = UntypedMemory.Retype(untyped, type, (int)arguments.A2, first, count, KernelObjects.DirectMap);
            if (error != SyscallError.None)
                return error;
            for (int i = 0; i < count; i++)
                InitializeObject(first + i);
            return SyscallError.None;
        }

        /// <summary>The object-specific set-up of freshly carved (zeroed) memory; cannot fail once the checks above passed.</summary>
        public static void InitializeObject(CapabilitySlot* slot)
        {
            switch (slot->Type)
            {
                case ObjectType.AddressSpace:
                    AddressSpaceObject.Initialize(slot);
                    break;
                case ObjectType.Thread:
                    ThreadObject.Initialize(slot);
                    break;
                case ObjectType.Endpoint:
                    EndpointObject.Initialize(slot);
                    break;
                case ObjectType.Reply:
                    ReplyObject.Initialize(slot);
                    break;
                case ObjectType.Notification:
                    NotificationObject.Initialize(slot);
                    break;
            }
        }
    }
}
