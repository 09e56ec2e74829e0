// PageTable capabilities: one 4 KiB table (from untyped) that becomes a PDPT, page directory or page
// table of an address space where MapTable finds the first missing level on the way to an address, as a
// program installs them before mapping frames there (seL4 makes programs pay for their page tables the
// same way). The capability records the space's handle, the address and the level, so deleting it
// removes exactly that entry (frames behind it become unreachable; their own unmaps are then no-ops).
// A page-table capability cannot be copied: one capability per table keeps "mapped once" a fact.
using MinimalOS.Abi;
using MinimalOS.Kernel.Capabilities;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Paging;
using MinimalOS.Kernel.UserMemory;

namespace MinimalOS.Kernel.Objects
{
    public static unsafe class PageTableObject
    {
        public static SyscallError Map(CapabilitySlot* table, CapabilitySlot* space, ulong address, out PageTableLevel level)
        {
            level = PageTableLevel.None;
            if (table->Type != ObjectType.PageTable || space->Type != ObjectType.AddressSpace)
                return SyscallError.WrongType;
            if ((space->Rights & CapRights.Write) == 0)
                return SyscallError.InsufficientRights;
            if (address >= UserLayout.End)
                return SyscallError.BadAddress;
            if (table->FrameMappedSpace != 0)
            {
                if (AddressSpaceObject.FromHandle(table->FrameMappedSpace) != null)
                    return SyscallError.AlreadyMapped;
                ForgetMapping(table);
            }
            AddressSpaceControl* control = AddressSpaceObject.Control(space);
            PhysicalAddress physical = KernelObjects.DirectMap.ToPhysical(table->ObjectPointer);
            SyscallError error = KernelObjects.PageTables.MapTable(control->Root, new VirtualAddress(address), physical, out level);
            if (error != SyscallError.None)
                return error;
            table->FrameMappedAt = address;
            table->FrameMappedSpace = control->Handle;
            table->Aux = (uint)level;
            return SyscallError.None;
        }

        public static void OnCapabilityDeleted(CapabilitySlot* table)
        {
            if (table->FrameMappedSpace == 0)
                return;
            AddressSpaceControl* control = AddressSpaceObject.FromHandle(table->FrameMappedSpace);
            if (control != null)
            {
                PhysicalAddress physical = KernelObjects.DirectMap.ToPhysical(table->ObjectPointer);
                SyscallError error = KernelObjects.PageTables.UnmapTable(control->Root, new VirtualAddress(table->FrameMappedAt), (PageTableLevel)table->Aux, physical, out TlbInvalidation stale);
                if (error == SyscallError.None)
                    UserTlb.Invalidate(&control->Tlb, stale);
            }
            ForgetMapping(table);
        }

        private static void ForgetMapping(CapabilitySlot* table)
        {
            table->FrameMappedAt = 0;
            table->FrameMappedSpace = 0;
            table->Aux = 0;
        }
    }
}
