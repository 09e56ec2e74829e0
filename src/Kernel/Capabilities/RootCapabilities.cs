// The capabilities the kernel makes from nothing at boot: one untyped capability per naturally aligned block
// of free physical memory, and the control capabilities (debug log, IRQ control, I/O-port control), which
// occupy no memory. They have no parent; everything else is derived from them. Only boot code calls this.
using MinimalOS.Abi;
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Capabilities
{
    public static unsafe class RootCapabilities
    {
        /// <summary>An untyped capability over [base, base + 2^sizeBits); base must be aligned to the size.</summary>
        public static SyscallError CreateUntyped(CapabilitySlot* slot, PhysicalAddress physicalBase, int sizeBits)
        {
            if (!slot->IsEmpty)
                return SyscallError.SlotOccupied;
            if (sizeBits < ObjectSizes.MinUntypedBits || sizeBits > ObjectSizes.MaxUntypedBits)
                return SyscallError.Range;
            if ((physicalBase.Value & ((1UL << sizeBits) - 1)) != 0)
                return SyscallError.Alignment;
            slot->_type = ObjectType.Untyped;
            slot->_rights = CapRights.All;
            slot->_sizeBits = (byte)sizeBits;
            slot->_object = physicalBase.Value;
            return SyscallError.None;
        }

        public static SyscallError CreateControl(CapabilitySlot* slot, ObjectType type)
        {
            if (type != ObjectType.DebugLog && type != ObjectType.IrqControl && type != ObjectType.IoPortControl)
                return SyscallError.InvalidArgument;
            if (!slot->IsEmpty)
                return SyscallError.SlotOccupied;
            slot->_type = type;
            slot->_rights = CapRights.All;
            return SyscallError.None;
        }
    }
}
