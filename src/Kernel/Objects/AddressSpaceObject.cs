// The AddressSpace kernel object: 8 KiB of untyped memory, the PML4 in the first page (its kernel half a
// copy of the kernel's, so every space shares the kernel) and this control block in the second. Its
// user half holds only what frame and page-table capabilities put there. Its id in AddressSpaceRegistry is
// also its PCID. Destroying it only retires the id: the tables and frames are objects of their own, and
// the memory is reused only when its untyped is retyped (KernelObjects says when that is safe).
using System.Runtime.InteropServices;
using MinimalOS.Abi;
using MinimalOS.Kernel.Capabilities;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Paging;

namespace MinimalOS.Kernel.Objects
{
    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct AddressSpaceControl
    {
        public const ulong LiveMagic = 0x4550_5341_4553_5541;   // "AUSESAPE"

        public ulong Magic;
        /// <summary>The registry handle frame and page-table capabilities record when mapped here.</summary>
        public ulong Handle;
        public UserTlbState Tlb;
        public PhysicalAddress Root;
    }

    public static unsafe class AddressSpaceObject
    {
        private const ulong ControlOffset = 4096;

        public static AddressSpaceControl* Control(CapabilitySlot* capability) => (AddressSpaceControl*)((byte*)capability->ObjectPointer + ControlOffset);

        /// <summary>The space a mapping record's handle names, or null when that space is gone.</summary>
        public static AddressSpaceControl* FromHandle(ulong handle) => (AddressSpaceControl*)KernelObjects.Spaces.Resolve(handle);

        /// <summary>Right after retype (zeroed memory): kernel half, registry id; false when no id is free (nothing changed).</summary>
        public static SyscallError Initialize(CapabilitySlot* capability)
        {
            AddressSpaceControl* control = Control(capability);
            PhysicalAddress root = KernelObjects.DirectMap.ToPhysical(capability->ObjectPointer);
            if (!KernelObjects.Spaces.TryRegister((ulong)control, out ulong handle, out ushort id))
                return SyscallError.OutOfMemory;
            SyscallError error = KernelObjects.PageTables.InitializeRoot(root, KernelObjects.KernelRoot);
            if (error != SyscallError.None)
            {
                KernelObjects.Spaces.Unregister(handle);
                return error;
            }
            control->Handle = handle;
            control->Tlb = UserTlbState.ForNewSpace(id);
            control->Root = root;
            control->Magic = AddressSpaceControl.LiveMagic;
            return SyscallError.None;
        }

        /// <summary>The last capability went: mappings recorded against it stop resolving.</summary>
        public static void Destroy(CapabilitySlot* capability)
        {
            AddressSpaceControl* control = Control(capability);
            if (control->Magic != AddressSpaceControl.LiveMagic)
                return;
            KernelObjects.Spaces.Unregister(control->Handle);
            control->Magic = 0;
        }
    }
}
