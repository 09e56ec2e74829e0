// The read-only page the kernel maps into the root task (its address arrives in rdi at the entry point):
// what the root task was given and where in its CNode each capability sits, as seL4's BootInfo does.
// The kernel and the user library both compile this file, so the layout is one definition. Fixed size:
// it must fit one 4 KiB page (checked by the kernel when it builds the page).
using System.Runtime.InteropServices;

namespace MinimalOS.Abi
{
    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct RootTaskBootInfo
    {
        public const ulong ExpectedMagic = 0x4F42_534F_4E4D_4E4D;   // "MNMNOSBO"
        public const int MaxUntypedRegions = 128;
        public const int CommandLineCapacity = 512;

        public ulong Magic;
        public uint Version;
        /// <summary>Radix (log2 of the slot count) of the root CNode; its guard is 0, so slot i is CapSlot.At(i, RootCNodeRadix).</summary>
        public uint RootCNodeRadix;
        /// <summary>Fixed slots of the root CNode (RootSlots).</summary>
        public uint FirstFreeSlot;
        public uint FreeSlotEnd;
        /// <summary>Slots [FirstImageSlot, ImageSlotEnd) hold the frames and page tables of the root task's own image, stack and this page.</summary>
        public uint FirstImageSlot;
        public uint ImageSlotEnd;
        public uint FirstUntypedSlot;
        public uint UntypedCount;
        public ulong StackTop;
        public ulong StackBytes;
        public ulong CpuCount;
        /// <summary>The kernel command line as ASCII (other characters as '?'), cut at CommandLineCapacity bytes; options named user.* are the root task's.</summary>
        public uint CommandLineLength;
        public fixed byte CommandLine[CommandLineCapacity];
        public fixed ulong UntypedPhysical[MaxUntypedRegions];
        public fixed byte UntypedSizeBits[MaxUntypedRegions];
    }
}
