// Gives a CPU its own descriptor tables: allocates its CpuLocal page and IST stacks (each with an unmapped
// guard page below), fills its GDT (SegmentSelectors' layout) and TSS, loads them - replacing the boot
// stub's GDT - points the CPU's GS base at the page (ThisCpu) and loads the shared IDT. Runs on the CPU
// being set up, with interrupts off, once per CPU; failure leaves that CPU unable to survive a fault, so it
// panics with the reason.
using System.Runtime;
using System.Runtime.CompilerServices;
using MinimalOS.Kernel.Interrupts;
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Paging;

namespace MinimalOS.Kernel.Arch.X86_64.Interrupts
{
    internal static unsafe class ProcessorTables
    {
        [RuntimeImport("*", "cpu_load_gdt")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void LoadGdt(DescriptorTablePointer* pointer, ushort codeSelector, ushort dataSelector);

        [RuntimeImport("*", "cpu_load_task_register")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void LoadTaskRegister(ushort selector);

        /// <summary>Sets up and loads the tables of the calling CPU, which has index <paramref name="cpuIndex"/>.</summary>
        public static void InitializeThisCpu(uint cpuIndex)
        {
            if (cpuIndex >= CpuLocals.MaxCpus || CpuLocals.Get((int)cpuIndex) != null)
                Diagnostics.Panic.Halt("interrupts: CPU index out of range or already set up");
            if (!KernelAddressSpace.Frames.TryAllocateZeroed(out PhysicalAddress page) || sizeof(CpuLocal) > (int)PageSize.Small)
                Diagnostics.Panic.Halt("interrupts: no page for the per-CPU structure");
            CpuLocal* local = (CpuLocal*)KernelAddressSpace.DirectMap.ToPointer(page);
            local->Self = local;
            local->Index = cpuIndex;
            local->DoubleFaultStack = AllocateStack(InterruptStackTable.DoubleFault);
            local->NmiStack = AllocateStack(InterruptStackTable.NonMaskableInterrupt);
            local->MachineCheckStack = AllocateStack(InterruptStackTable.MachineCheck);
            local->DebugStack = AllocateStack(InterruptStackTable.Debug);
            for (int ist = 1; ist <= InterruptStackTable.StacksPerCpu; ist++)
                local->Tss.Ist[ist - 1] = local->InterruptStack(ist).Top.Value;
            local->Tss.IoMapBase = TaskStateSegment.Size;
            FillGdt(local);
            CpuLocals.Publish(local);

            var gdt = new DescriptorTablePointer((ulong)local->Gdt, SegmentSelectors.GdtEntries * sizeof(ulong));
            LoadGdt(&gdt, SegmentSelectors.KernelCode, SegmentSelectors.KernelData);
            local->Scheduler = ThisCpu.Local->Scheduler;
            ThisCpu.Install(local);
            LoadTaskRegister(SegmentSelectors.Tss);
            if (!InterruptDescriptorTable.Load())
                Diagnostics.Panic.Halt("interrupts: no page for the IDT");
            Syscalls.SyscallEntry.InitializeThisCpu();
            Log.Info("interrupts", $"CPU {cpuIndex}: GDT, TSS and IDT loaded; IST stacks #DF 0x{local->DoubleFaultStack.Bottom.Value:x}, NMI 0x{local->NmiStack.Bottom.Value:x}, #MC 0x{local->MachineCheckStack.Bottom.Value:x}, #DB 0x{local->DebugStack.Bottom.Value:x} ({InterruptStackTable.StackPages * PageSize.Small / 1024} KiB each, guard page below)");
        }

        private static void FillGdt(CpuLocal* local)
        {
            ulong* gdt = local->Gdt;
            gdt[0] = 0;
            gdt[SegmentSelectors.KernelCode / 8] = SegmentDescriptor.Code64(0);
            gdt[SegmentSelectors.KernelData / 8] = SegmentDescriptor.Data(0);
            gdt[SegmentSelectors.UserCode32 / 8] = SegmentDescriptor.Code32(3);
            gdt[SegmentSelectors.UserData / 8] = SegmentDescriptor.Data(3);
            gdt[SegmentSelectors.UserCode64 / 8] = SegmentDescriptor.Code64(3);
            ulong tss = (ulong)&local->Tss;
            gdt[SegmentSelectors.Tss / 8] = SegmentDescriptor.TssLow(tss, TaskStateSegment.Size - 1);
            gdt[SegmentSelectors.Tss / 8 + 1] = SegmentDescriptor.TssHigh(tss);
        }

        private static KernelStack AllocateStack(int ist)
        {
            KernelStackAllocator allocator = KernelStacks.Allocator;
            if (allocator is null)
                Diagnostics.Panic.Halt("interrupts: IST stacks needed before the kernel address space exists");
            PagingResult result = allocator.TryAllocate(InterruptStackTable.StackPages, out KernelStack stack);
            if (result != PagingResult.Success)
            {
                Log.Fatal("interrupts", $"allocating the {InterruptStackTable.Name(ist)} failed: result {(int)result}");
                Diagnostics.Panic.Halt("interrupts: cannot allocate an IST stack");
            }
            return stack;
        }
    }
}
