// Finding the capabilities a system call names: every CapSlot argument is resolved from the calling
// thread's own CNode (the copy in its thread object), so a program can only ever name what it holds. Call
// with the kernel-object lock held; the slots returned stay valid only while it is.
using MinimalOS.Abi;
using MinimalOS.Kernel.Capabilities;
using MinimalOS.Kernel.Objects;

namespace MinimalOS.Kernel.Syscalls
{
    public static unsafe class CallerCapabilities
    {
        /// <summary>A register value meaning "no capability" where a call allows one to be left out.</summary>
        public const ulong None = 0;

        /// <summary>The slot named by <paramref name="encoded"/>, empty or not.</summary>
        public static SyscallError Slot(ulong encoded, out CapabilitySlot* slot)
        {
            slot = null;
            ThreadControl* caller = ThreadObject.Current();
            if (caller == null || caller->CNode.IsEmpty)
                return SyscallError.InvalidCapability;
            return CapabilitySpace.Resolve(&caller->CNode, CapSlot.FromRegister(encoded), out slot);
        }

        /// <summary>A slot that holds a capability of <paramref name="type"/> (Null: any type) with at least <paramref name="rights"/>.</summary>
        public static SyscallError Capability(ulong encoded, ObjectType type, CapRights rights, out CapabilitySlot* slot)
        {
            SyscallError error = Slot(encoded, out slot);
            if (error != SyscallError.None)
                return error;
            if (slot->IsEmpty)
                return SyscallError.SlotEmpty;
            if (type != ObjectType.Null && slot->Type != type)
                return SyscallError.WrongType;
            if ((slot->Rights & rights) != rights)
                return SyscallError.InsufficientRights;
            return SyscallError.None;
        }

        /// <summary>As Capability, but <see cref="None"/> gives a null slot and no error.</summary>
        public static SyscallError OptionalCapability(ulong encoded, ObjectType type, CapRights rights, out CapabilitySlot* slot)
        {
            slot = null;
            return encoded == None ? SyscallError.None : Capability(encoded, type, rights, out slot);
        }

        /// <summary>An empty slot to put a new capability in.</summary>
        public static SyscallError EmptySlot(ulong encoded, out CapabilitySlot* slot)
        {
            SyscallError error = Slot(encoded, out slot);
            if (error == SyscallError.None && !slot->IsEmpty)
                return SyscallError.SlotOccupied;
            return error;
        }
    }
}
