// The root task's own capability space as the programs of tests/User use it: the fixed slots the kernel
// filled (RootSlots), the free slots after the image handed out in order (and taken back in order with a
// mark), retype into those slots, and untyped carved from whichever boot region has room. Holds names
// only: what a slot holds is the kernel's to say.
using MinimalOS.Abi;
using MinimalOS.User.Runtime;

namespace MinimalOS.Tests.User.Common
{
    internal static class RootSpace
    {
        private static BootInfo s_bootInfo;
        private static RootCNode s_root;
        private static uint s_nextSlot;
        private static uint s_slotEnd;

        public static BootInfo BootInfo => s_bootInfo;
        public static CapSlot CNode => s_root.Slot(RootSlots.CNode);
        public static CapSlot AddressSpace => s_root.Slot(RootSlots.AddressSpace);
        public static CapSlot Thread => s_root.Slot(RootSlots.Thread);
        public static CapSlot DebugLog => s_root.Slot(RootSlots.DebugLog);
        public static int Radix => s_root.Radix;
        public static ulong CpuCount => s_bootInfo.CpuCount;

        /// <summary>False when the boot-info page is missing or unknown (then nothing else here may be used).</summary>
        public static bool Initialize(BootInfo bootInfo)
        {
            s_bootInfo = bootInfo;
            if (!bootInfo.IsValid)
                return false;
            s_root = bootInfo.RootCNode;
            s_nextSlot = bootInfo.FirstFreeSlot;
            s_slotEnd = bootInfo.FreeSlotEnd;
            return true;
        }

        public static CapSlot Slot(uint index) => s_root.Slot(index);

        /// <summary>The next free slot index; uint.MaxValue when the root CNode is full.</summary>
        public static uint TakeSlot() => s_nextSlot < s_slotEnd ? s_nextSlot++ : uint.MaxValue;

        /// <summary>Where TakeSlot stands, to give every slot taken after it back with <see cref="ReturnSlotsTo"/>.</summary>
        public static uint SlotMark => s_nextSlot;

        /// <summary>Hands the slots from <paramref name="mark"/> on out again; the caller has emptied them (revoke or delete).</summary>
        public static void ReturnSlotsTo(uint mark) => s_nextSlot = mark;

        /// <summary>One object of <paramref name="type"/> from <paramref name="untyped"/> into a new root slot.</summary>
        public static SyscallError Make(CapSlot untyped, ObjectType type, int sizeBits, out uint slot)
        {
            slot = TakeSlot();
            if (slot == uint.MaxValue)
                return SyscallError.Range;
            return Syscalls.UntypedRetype(untyped, type, (ulong)sizeBits, CNode, slot, 1);
        }

        /// <summary>An untyped of 2^<paramref name="sizeBits"/> bytes from the first boot region with room.</summary>
        public static SyscallError CarveUntyped(int sizeBits, out uint slot, out uint parent)
        {
            slot = TakeSlot();
            parent = 0;
            if (slot == uint.MaxValue)
                return SyscallError.Range;
            SyscallError error = SyscallError.OutOfMemory;
            for (int i = 0; i < (int)s_bootInfo.UntypedCount; i++)
            {
                parent = s_bootInfo.UntypedSlot(i);
                error = Syscalls.UntypedRetype(Slot(parent), ObjectType.Untyped, (ulong)sizeBits, CNode, slot, 1);
                if (error == SyscallError.None)
                    return error;
            }
            return error;
        }

        /// <summary>Maps the frame, installing page tables from <paramref name="untyped"/> (into new root slots) for every missing level.</summary>
        public static SyscallError MapWithTables(CapSlot untyped, CapSlot frame, CapSlot space, ulong address, CapRights rights)
        {
            while (true)
            {
                SyscallError error = Syscalls.FrameMap(frame, space, address, rights, FrameCache.WriteBack, out _);
                if (error != SyscallError.MissingPageTable)
                    return error;
                error = Make(untyped, ObjectType.PageTable, 12, out uint table);
                if (error == SyscallError.None)
                    error = Syscalls.PageTableMap(Slot(table), space, address, out _);
                if (error != SyscallError.None)
                    return error;
            }
        }

        /// <summary>An untyped's free bytes (CapIdentify's result 1), or ulong.MaxValue when it cannot be identified.</summary>
        public static ulong FreeBytes(CapSlot untyped) =>
            Syscalls.CapIdentify(untyped, out _, out ulong free) == SyscallError.None ? free : ulong.MaxValue;
    }
}
