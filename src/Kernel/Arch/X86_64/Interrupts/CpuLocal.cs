// Everything one CPU owns: its GDT (each CPU has its own, because the TSS descriptor in it points at that
// CPU's TSS and becomes "busy" once loaded), its TSS and the IST stacks the TSS points at. One page each,
// from the frame allocator through the direct map, so its address never changes. The CPU's GS base points
// here (ThisCpu): Self, Index, Scheduler, KernelStackTop, UserStackScratch, ActiveUserSpace and
// CurrentThreadOwner come first at fixed offsets that this_cpu.asm and syscall_entry.asm read with one
// gs-relative access each, so never reorder them.
using System.Runtime.InteropServices;
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Arch.X86_64.Interrupts
{
    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct CpuLocal
    {
        public CpuLocal* Self;
        public uint Index;
        /// <summary>The CPU's scheduler state: a managed object's address (no GC moves it), 0 until the scheduler runs here.</summary>
        public nint Scheduler;
        /// <summary>Top of the running thread's kernel stack: where SYSCALL's entry puts the user frame (= Tss.Rsp0).</summary>
        public ulong KernelStackTop;
        /// <summary>The user rsp for the few instructions of the SYSCALL entry before it is pushed.</summary>
        public ulong UserStackScratch;
        /// <summary>The UserTlbState of the user address space this CPU's CR3 holds, 0 while it runs the kernel's (UserSpaceSwitch).</summary>
        public ulong ActiveUserSpace;
        /// <summary>The running thread's kernel object (its Thread.Owner, 0 for a kernel thread), set at every switch: one gs-relative load finds it.</summary>
        public nint CurrentThreadOwner;
        public fixed ulong Gdt[SegmentSelectors.GdtEntries];
        public TaskStateSegment Tss;
        public KernelStack DoubleFaultStack;
        public KernelStack NmiStack;
        public KernelStack MachineCheckStack;
        public KernelStack DebugStack;

        /// <summary>The IST stack for slot <paramref name="ist"/> (1-based, see InterruptStackTable).</summary>
        public KernelStack InterruptStack(int ist) => ist switch
        {
            InterruptStackTable.DoubleFault => DoubleFaultStack,
            InterruptStackTable.NonMaskableInterrupt => NmiStack,
            InterruptStackTable.MachineCheck => MachineCheckStack,
            InterruptStackTable.Debug => DebugStack,
            _ => default,
        };
    }
}
