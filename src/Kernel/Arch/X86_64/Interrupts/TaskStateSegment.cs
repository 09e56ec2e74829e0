// The 64-bit Task State Segment (104 bytes, layout fixed by the CPU): in long mode it only holds the stack
// pointers the CPU switches to - RSP0 for entries from ring 3, and the seven Interrupt Stack Table slots
// that IDT gates select. One per CPU, inside its CpuLocal; never shared, since a busy TSS cannot be loaded twice.
using System.Runtime.InteropServices;

namespace MinimalOS.Kernel.Arch.X86_64.Interrupts
{
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    internal unsafe struct TaskStateSegment
    {
        public const int Size = 104;

        private uint _reserved0;
        public ulong Rsp0;
        public ulong Rsp1;
        public ulong Rsp2;
        private ulong _reserved1;
        /// <summary>IST1..IST7 at [0]..[6]; the gate's IST field is 1-based.</summary>
        public fixed ulong Ist[7];
        private ulong _reserved2;
        private ushort _reserved3;
        /// <summary>Offset of the I/O permission bitmap; the segment size means "no bitmap": every port faults in ring 3.</summary>
        public ushort IoMapBase;
    }
}
