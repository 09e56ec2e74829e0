// The IDT all CPUs share: 256 interrupt gates to the entry stubs in Native/interrupt_entry.asm, #DF, NMI and
// #MC on their IST stacks, every gate reachable only from ring 0 except #BP (so a later user-mode int3
// reaches the kernel's breakpoint handler). Built once in a page from the frame allocator, then loaded on
// each CPU. What each vector does is InterruptVectors' business, not this table's.
using System.Runtime;
using System.Runtime.CompilerServices;
using MinimalOS.Kernel.Interrupts;
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Arch.X86_64.Interrupts
{
    internal static unsafe class InterruptDescriptorTable
    {
        public const int Vectors = 256;
        private const int GateBytes = 16;

        private static ulong* s_gates;

        [RuntimeImport("*", "cpu_load_idt")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void LoadIdt(DescriptorTablePointer* pointer);

        /// <summary>Builds the table (first call only) and loads it on the calling CPU; false when no page is left for it.</summary>
        public static bool Load()
        {
            if (s_gates == null && !TryBuild())
                return false;
            var pointer = new DescriptorTablePointer((ulong)s_gates, Vectors * GateBytes);
            LoadIdt(&pointer);
            return true;
        }

        private static bool TryBuild()
        {
            if (!KernelAddressSpace.Frames.TryAllocateZeroed(out PhysicalAddress frame))
                return false;
            ulong* gates = (ulong*)KernelAddressSpace.DirectMap.ToPointer(frame);
            ulong* stubs = InterruptEntryStubs.Table;
            for (int vector = 0; vector < Vectors; vector++)
            {
                int callerPrivilege = vector == CpuException.Breakpoint ? 3 : 0;
                gates[vector * 2] = GateDescriptor.Low(stubs[vector], SegmentSelectors.KernelCode, IstFor(vector), callerPrivilege);
                gates[vector * 2 + 1] = GateDescriptor.High(stubs[vector]);
            }
            s_gates = gates;
            return true;
        }

        private static int IstFor(int vector) => vector switch
        {
            CpuException.DoubleFault => InterruptStackTable.DoubleFault,
            CpuException.NonMaskableInterrupt => InterruptStackTable.NonMaskableInterrupt,
            CpuException.MachineCheck => InterruptStackTable.MachineCheck,
            CpuException.Debug => InterruptStackTable.Debug,
            _ => 0,
        };
    }
}
