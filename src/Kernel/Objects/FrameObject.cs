// Frame capabilities: 4 KiB or 2 MiB of memory (from untyped) that a program maps into an address space.
// One mapping per capability (copy the capability to map a frame twice, as in seL4): the capability
// records where (address and the space's registry handle) and with which rights and cache type, so that
// unmapping, protecting and deleting it find exactly its own entry. Rights of a mapping never exceed the
// capability's; W+X together is refused by the page-table code, and across mappings here: a frame is never
// writable through one alias while executable through another. A record whose space is gone is cleared
// without touching any table.
using MinimalOS.Abi;
using MinimalOS.Kernel.Capabilities;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Paging;
using MinimalOS.Kernel.UserMemory;

namespace MinimalOS.Kernel.Objects
{
    public static unsafe class FrameObject
    {
        private const CapRights MappingRights = CapRights.Read | CapRights.Write | CapRights.Execute;

        public static ulong Bytes(CapabilitySlot* frame) => 1UL << frame->SizeBits;

        public static bool IsMapped(CapabilitySlot* frame) => frame->FrameMappedSpace != 0;

        public static SyscallError Map(CapabilitySlot* frame, CapabilitySlot* space, ulong address, CapRights rights, CacheType cache, out PageTableLevel missing)
        {
            missing = PageTableLevel.None;
            if (frame->Type != ObjectType.Frame || space->Type != ObjectType.AddressSpace)
                return SyscallError.WrongType;
            if ((rights & ~MappingRights) != 0 || (uint)cache > (uint)CacheType.Uncached)
                return SyscallError.InvalidArgument;
            if ((frame->Rights & rights) != rights || (space->Rights & CapRights.Write) == 0)
                return SyscallError.InsufficientRights;
            ulong size = Bytes(frame);
            if ((address & (size - 1)) != 0)
                return SyscallError.Alignment;
            if (address < UserLayout.Start || address >= UserLayout.End || size > UserLayout.End - address)
                return SyscallError.BadAddress;
            if (IsMapped(frame))
            {
                if (AddressSpaceObject.FromHandle(frame->FrameMappedSpace) != null)
                    return SyscallError.AlreadyMapped;
                ForgetMapping(frame);
            }
            if (ConflictsWithAlias(frame, rights))
                return SyscallError.IllegalOperation;
            AddressSpaceControl* control = AddressSpaceObject.Control(space);
            SyscallError error = KernelObjects.PageTables.MapFrame(control->Root, new VirtualAddress(address), frame->PhysicalBase, size, rights, cache, out missing);
            if (error != SyscallError.None)
                return error;
            frame->FrameMappedAt = address;
            frame->FrameMappedSpace = control->Handle;
            frame->Aux = (uint)rights | ((uint)cache << 8);
            return SyscallError.None;
        }

        public static SyscallError Unmap(CapabilitySlot* frame)
        {
            if (frame->Type != ObjectType.Frame)
                return SyscallError.WrongType;
            if (!IsMapped(frame))
                return SyscallError.NotMapped;
            AddressSpaceControl* control = AddressSpaceObject.FromHandle(frame->FrameMappedSpace);
            if (control != null)
            {
                SyscallError error = KernelObjects.PageTables.UnmapFrame(control->Root, new VirtualAddress(frame->FrameMappedAt), Bytes(frame), frame->PhysicalBase, out TlbInvalidation stale);
                if (error == SyscallError.None)
                    UserTlb.Invalidate(&control->Tlb, stale);
            }
            ForgetMapping(frame);
            return SyscallError.None;
        }

        public static SyscallError Protect(CapabilitySlot* frame, CapRights rights)
        {
            if (frame->Type != ObjectType.Frame)
                return SyscallError.WrongType;
            if ((rights & ~MappingRights) != 0)
                return SyscallError.InvalidArgument;
            if ((frame->Rights & rights) != rights)
                return SyscallError.InsufficientRights;
            if (!IsMapped(frame))
                return SyscallError.NotMapped;
            AddressSpaceControl* control = AddressSpaceObject.FromHandle(frame->FrameMappedSpace);
            if (control == null)
            {
                ForgetMapping(frame);
                return SyscallError.NotMapped;
            }
            if (ConflictsWithAlias(frame, rights))
                return SyscallError.IllegalOperation;
            SyscallError error = KernelObjects.PageTables.ProtectFrame(control->Root, new VirtualAddress(frame->FrameMappedAt), Bytes(frame), frame->PhysicalBase, rights, out TlbInvalidation stale);
            if (error != SyscallError.None)
                return error;
            UserTlb.Invalidate(&control->Tlb, stale);
            frame->Aux = (uint)rights | (frame->Aux & ~(uint)MappingRights);
            return SyscallError.None;
        }

        /// <summary>A frame capability is being deleted (or a copy of one was just made): it must not keep a mapping.</summary>
        public static void OnCapabilityDeleted(CapabilitySlot* frame)
        {
            if (IsMapped(frame))
                Unmap(frame);
        }

        // W^X across aliases: a frame must not be writable through one mapping and executable through
        // another. Every capability to the frame is in the subtree below its original (retype's), so the
        // live mappings are found by walking that subtree (a frame has as many as it has mapped copies).
        private static bool ConflictsWithAlias(CapabilitySlot* frame, CapRights rights)
        {
            bool wantsWrite = (rights & CapRights.Write) != 0;
            bool wantsExecute = (rights & CapRights.Execute) != 0;
            if (!wantsWrite && !wantsExecute)
                return false;
            CapabilitySlot* original = frame;
            while (original->Parent != null && original->Parent->Type == ObjectType.Frame && original->Parent->ObjectAddress == frame->ObjectAddress)
                original = original->Parent;
            CapabilitySlot* node = original;
            while (node != null)
            {
                if (node != frame && IsMapped(node) && AddressSpaceObject.FromHandle(node->FrameMappedSpace) != null)
                {
                    var mapped = (CapRights)(node->Aux & (uint)MappingRights);
                    if ((wantsWrite && (mapped & CapRights.Execute) != 0) || (wantsExecute && (mapped & CapRights.Write) != 0))
                        return true;
                }
                node = NextInSubtree(node, original);
            }
            return false;
        }

        private static CapabilitySlot* NextInSubtree(CapabilitySlot* node, CapabilitySlot* root)
        {
            if (node->FirstChild != null)
                return node->FirstChild;
            while (node != root)
            {
                if (node->NextSibling != null)
                    return node->NextSibling;
                node = node->Parent;
            }
            return null;
        }

        private static void ForgetMapping(CapabilitySlot* frame)
        {
            frame->FrameMappedAt = 0;
            frame->FrameMappedSpace = 0;
            frame->Aux = 0;
        }
    }
}
