// The capability system calls: copy (rights only shrink), mint (copy with a badge, or a CNode guard),
// move, delete, revoke and identify, on slots of the caller's CSpace. Frame copies start unmapped (one
// mapping per capability) and the core refuses to copy page-table and untyped capabilities. Deleting the last
// capability of a running thread stops it, and the call returns once it is off every CPU.
using MinimalOS.Abi;
using MinimalOS.Kernel.Capabilities;
using MinimalOS.Kernel.Objects;

namespace MinimalOS.Kernel.Syscalls
{
    public static unsafe class CapabilityCalls
    {
        /// <summary>A0 source, A1 destination (empty), A2 rights mask.</summary>
        public static SyscallResult Copy(in SyscallArguments arguments)
        {
            if ((arguments.A2 & ~(ulong)CapRights.All) != 0)
                return SyscallError.InvalidArgument;
            KernelObjects.Lock.Acquire();
            SyscallError error = SourceAndDestination(arguments.A0, arguments.A1, out CapabilitySlot* source, out CapabilitySlot* destination);
            if (error == SyscallError.None)
                error = CapabilityOperations.Copy(source, destination, (CapRights)arguments.A2);
            KernelObjects.Lock.Release();
            return error;
        }

        /// <summary>A0 source, A1 destination (empty), A2 rights mask, A3 badge (Endpoint, Notification) or guard (CNode).</summary>
        public static SyscallResult Mint(in SyscallArguments arguments)
        {
            if ((arguments.A2 & ~(ulong)CapRights.All) != 0)
                return SyscallError.InvalidArgument;
            KernelObjects.Lock.Acquire();
            SyscallError error = SourceAndDestination(arguments.A0, arguments.A1, out CapabilitySlot* source, out CapabilitySlot* destination);
            if (error == SyscallError.None)
                error = CapabilityOperations.Mint(source, destination, (CapRights)arguments.A2, arguments.A3);
            KernelObjects.Lock.Release();
            return error;
        }

        /// <summary>A0 source, A1 destination (empty).</summary>
        public static SyscallResult Move(in SyscallArguments arguments)
        {
            KernelObjects.Lock.Acquire();
            SyscallError error = SourceAndDestination(arguments.A0, arguments.A1, out CapabilitySlot* source, out CapabilitySlot* destination);
            if (error == SyscallError.None)
                error = CapabilityOperations.Move(source, destination);
            KernelObjects.Lock.Release();
            return error;
        }

        /// <summary>A0 the slot to empty.</summary>
        public static SyscallResult Delete(in SyscallArguments arguments) => Destroy(arguments.A0, revoke: false);

        /// <summary>A0 the capability whose descendants all go (needs Revoke).</summary>
        public static SyscallResult Revoke(in SyscallArguments arguments) => Destroy(arguments.A0, revoke: true);

        // Delete and revoke both may destroy threads: the call returns once those are off their CPUs.
        private static SyscallResult Destroy(ulong encoded, bool revoke)
        {
            KernelObjects.Lock.Acquire();
            SyscallError error = CallerCapabilities.Capability(encoded, ObjectType.Null, CapRights.None, out CapabilitySlot* slot);
            if (error == SyscallError.None)
            {
                var hooks = new KernelObjectHooks();
                error = revoke ? CapabilityOperations.Revoke(slot, ref hooks) : CapabilityOperations.Delete(slot, ref hooks);
            }
            KernelObjects.Lock.Release();
            ThreadWaits.UntilDestroyedThreadsLeft();
            return error;
        }

        /// <summary>
        /// A0 a slot. Result 0: type | rights &lt;&lt; 8 | size bits &lt;&lt; 16 (0 for an empty slot); result 1: the
        /// badge, an untyped's free bytes (everything below it counted), a frame's mapped address or a thread's state.
        /// </summary>
        public static SyscallResult Identify(in SyscallArguments arguments)
        {
            KernelObjects.Lock.Acquire();
            SyscallError error = CallerCapabilities.Slot(arguments.A0, out CapabilitySlot* slot);
            ulong shape = 0, detail = 0;
            if (error == SyscallError.None && !slot->IsEmpty)
            {
                shape = (ulong)slot->Type | ((ulong)slot->Rights << 8) | ((ulong)slot->SizeBits << 16);
                detail = slot->Type switch
                {
                    ObjectType.Untyped => UntypedMemory.TotalFreeBytes(slot),
                    ObjectType.Frame => slot->FrameMappedSpace != 0 ? slot->FrameMappedAt : 0,
                    ObjectType.Thread => (ulong)ThreadObject.Control(slot)->State,
                    ObjectType.Endpoint or ObjectType.Notification => slot->Badge,
                    _ => 0,
                };
            }
            KernelObjects.Lock.Release();
            return error == SyscallError.None ? SyscallResult.Ok(shape, detail) : error;
        }

        private static SyscallError SourceAndDestination(ulong source, ulong destination, out CapabilitySlot* from, out CapabilitySlot* to)
        {
            to = null;
            SyscallError error = CallerCapabilities.Capability(source, ObjectType.Null, CapRights.None, out from);
            return error != SyscallError.None ? error : CallerCapabilities.EmptySlot(destination, out to);
        }

    }
}
