// Kernel tests of SMP bring-up and IPIs; they hold with any CPU count (the test runs use -smp 4 for the
// direct and OVMF boots and -smp 1 under SeaBIOS): every MADT-enabled CPU is online with its own per-CPU
// tables, the boot CPU's CR0/CR4/EFER and the kernel's PAT; a cross-CPU call runs on exactly the CPU asked for, and on every
// other CPU once; a reschedule IPI reaches every CPU and runs the hook; cross-calls made from two CPUs at
// once both complete; a remapped kernel page is seen with its new frame on every CPU after the shootdown.
// Every wait is bounded by the TSC, so a lost IPI fails instead of hanging.
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Arch.X86_64.Apic;
using MinimalOS.Kernel.Arch.X86_64.Interrupts;
using MinimalOS.Kernel.Arch.X86_64.Smp;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Paging;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class SmpTests
    {
        private const ulong WaitNanoseconds = 1_000_000_000;
        private const int BackAndForthCalls = 20;
        // Unused kernel-half address (see KernelAddressSpaceTests), 2 MiB away from the one those tests use.
        private const ulong ShootdownTestAddress = 0xFFFF_F000_0020_0000;
        private const ulong OldContents = 0x0123_4567_89AB_CDEF;
        private const ulong NewContents = 0xFEDC_BA98_7654_3210;
        private const ulong EferMsr = 0xC000_0080;

        private static Slots s_observed;
        private static Slots s_hits;
        private static volatile int s_hookCalls;
        private static volatile int s_backCallsDone;
        private static volatile int s_forthCount;

        private struct Slots
        {
            public fixed ulong Entries[CpuLocals.MaxCpus];
        }

        public static void Register(KernelTestList tests)
        {
            tests.Add("Smp.EveryMadtEnabledCpuIsOnlineWithItsOwnTables", &EveryMadtEnabledCpuIsOnlineWithItsOwnTables);
            tests.Add("Smp.EveryCpuHasTheBootCpusControlRegisters", &EveryCpuHasTheBootCpusControlRegisters);
            tests.Add("Smp.EveryCpuHasTheKernelsPageAttributeTable", &EveryCpuHasTheKernelsPageAttributeTable);
            tests.Add("Smp.CrossCallRunsOnTheCpuAskedFor", &CrossCallRunsOnTheCpuAskedFor);
            tests.Add("Smp.CrossCallToOthersRunsOnceOnEachOtherCpu", &CrossCallToOthersRunsOnceOnEachOtherCpu);
            tests.Add("Smp.RescheduleIpiReachesEveryCpuAndRunsTheHook", &RescheduleIpiReachesEveryCpuAndRunsTheHook);
            tests.Add("Smp.CrossCallsFromTwoCpusAtOnceBothComplete", &CrossCallsFromTwoCpusAtOnceBothComplete);
            tests.Add("Smp.RemappedKernelPageIsSeenOnEveryCpu", &RemappedKernelPageIsSeenOnEveryCpu);
        }

        private static void EveryMadtEnabledCpuIsOnlineWithItsOwnTables()
        {
            Acpi.MadtInfo madt = AcpiStartup.Tables?.Madt;
            Expect.NotNull(madt, "a MADT");
            if (madt is null)
                return;
            int expected = madt.EnabledProcessorCount < CpuLocals.MaxCpus ? madt.EnabledProcessorCount : CpuLocals.MaxCpus;
            Expect.Equal(expected, OnlineCpus.Count, "CPUs online = MADT-enabled processors");
            Expect.True(OnlineCpus.IsOnline(0), "the boot CPU is CPU 0");
            Expect.Equal(0, LocalApic.CurrentCpuIndex, "the tests run on CPU 0");
            int seen = 0;
            for (int cpu = 0; cpu < CpuLocals.MaxCpus; cpu++)
            {
                if (!OnlineCpus.IsOnline(cpu))
                    continue;
                seen++;
                CpuLocal* local = CpuLocals.Get(cpu);
                Expect.True(local != null, "an online CPU has its CpuLocal (GDT, TSS, IST stacks)");
                if (local == null)
                    continue;
                Expect.Equal(cpu, local->Index, "its CpuLocal carries its index");
                Expect.False(local->DoubleFaultStack.IsEmpty || local->NmiStack.IsEmpty || local->MachineCheckStack.IsEmpty, "its IST stacks exist");
                Expect.True(IsEnabledInMadt(madt, OnlineCpus.ApicId(cpu)), "its APIC id is an enabled MADT processor");
                for (int other = 0; other < cpu; other++)
                {
                    if (OnlineCpus.IsOnline(other))
                        Expect.True(OnlineCpus.ApicId(other) != OnlineCpus.ApicId(cpu), "APIC ids are distinct");
                }
            }
            Expect.Equal(OnlineCpus.Count, seen, "the online mask agrees with the count");
        }

        private static bool IsEnabledInMadt(Acpi.MadtInfo madt, uint apicId)
        {
            for (int i = 0; i < madt.Processors.Count; i++)
            {
                if (madt.Processors[i].ApicId == apicId && madt.Processors[i].Enabled)
                    return true;
            }
            return false;
        }

        private static void EveryCpuHasTheBootCpusControlRegisters()
        {
            ulong cr0 = Cpu.ReadCr0();
            ulong cr4 = Cpu.ReadCr4();
            ulong efer = Cpu.ReadMsr((uint)EferMsr);
            for (int cpu = 1; cpu < CpuLocals.MaxCpus; cpu++)
            {
                if (!OnlineCpus.IsOnline(cpu))
                    continue;
                Expect.True(CrossCpuCall.RunOn(cpu, &RecordCr0, cpu), "cross-call for CR0");
                Expect.Equal(cr0, Slot(ref s_observed, cpu), "CR0 as on the boot CPU");
                Expect.True(CrossCpuCall.RunOn(cpu, &RecordCr4, cpu), "cross-call for CR4");
                Expect.Equal(cr4, Slot(ref s_observed, cpu), "CR4 as on the boot CPU");
                Expect.True(CrossCpuCall.RunOn(cpu, &RecordEfer, cpu), "cross-call for EFER");
                Expect.Equal(efer, Slot(ref s_observed, cpu), "EFER as on the boot CPU");
            }
        }

        // QEMU's CPU models all have PAT, so its absence is a failure here.
        private static void EveryCpuHasTheKernelsPageAttributeTable()
        {
            Expect.True(PageAttributeTable.Supported, "CPUID reports PAT");
            Expect.Equal(PatLayout.KernelMsrValue, Cpu.ReadMsr(PageAttributeTable.PatMsr), "IA32_PAT on the boot CPU");
            for (int cpu = 1; cpu < CpuLocals.MaxCpus; cpu++)
            {
                if (!OnlineCpus.IsOnline(cpu))
                    continue;
                Expect.True(CrossCpuCall.RunOn(cpu, &RecordPat, cpu), "cross-call for IA32_PAT");
                Expect.Equal(PatLayout.KernelMsrValue, Slot(ref s_observed, cpu), "IA32_PAT as the kernel programs it");
            }
        }

        private static void CrossCallRunsOnTheCpuAskedFor()
        {
            for (int cpu = 0; cpu < CpuLocals.MaxCpus; cpu++)
            {
                if (!OnlineCpus.IsOnline(cpu))
                    continue;
                SetSlot(ref s_observed, cpu, ulong.MaxValue);
                ulong completedBefore = CrossCpuCall.CompletedOn(cpu);
                Expect.True(CrossCpuCall.RunOn(cpu, &RecordCurrentCpu, cpu), "RunOn an online CPU");
                Expect.Equal((ulong)cpu, Slot(ref s_observed, cpu), "the function ran on that CPU and had returned");
                if (cpu != 0)
                    Expect.Equal(completedBefore + 1, CrossCpuCall.CompletedOn(cpu), "it went through the IPI");
            }
            int offline = 0;
            while (offline < CpuLocals.MaxCpus && OnlineCpus.IsOnline(offline))
                offline++;
            Expect.False(CrossCpuCall.RunOn(offline, &RecordCurrentCpu, 0), "an offline (or nonexistent) CPU is refused");
            Expect.False(CrossCpuCall.RunOn(-1, &RecordCurrentCpu, 0), "a negative index is refused");
        }

        private static void CrossCallToOthersRunsOnceOnEachOtherCpu()
        {
            for (int cpu = 0; cpu < CpuLocals.MaxCpus; cpu++)
                SetSlot(ref s_hits, cpu, 0);
            CrossCpuCall.RunOnOthers(&CountHit, 0);
            for (int cpu = 0; cpu < CpuLocals.MaxCpus; cpu++)
            {
                ulong expected = OnlineCpus.IsOnline(cpu) && cpu != 0 ? 1UL : 0UL;
                Expect.Equal(expected, Slot(ref s_hits, cpu), "once on every other online CPU, never here");
            }
        }

        private static void RescheduleIpiReachesEveryCpuAndRunsTheHook()
        {
            delegate*<void> previous = RescheduleIpi.Handler;
            RescheduleIpi.SetHandler(&CountHookCall);
            for (int cpu = 0; cpu < CpuLocals.MaxCpus; cpu++)
            {
                if (!OnlineCpus.IsOnline(cpu))
                    continue;
                ulong before = RescheduleIpi.ReceivedOn(cpu);
                int hooksBefore = s_hookCalls;
                Expect.True(RescheduleIpi.Send(cpu), "sent");
                ulong deadline = TscClock.Nanoseconds() + WaitNanoseconds;
                while ((RescheduleIpi.ReceivedOn(cpu) == before || s_hookCalls == hooksBefore) && TscClock.Nanoseconds() < deadline)
                    Cpu.Pause();
                Expect.Equal(before + 1, RescheduleIpi.ReceivedOn(cpu), "the CPU took exactly one reschedule IPI");
                Expect.Equal(hooksBefore + 1, s_hookCalls, "the hook ran once");
            }
            RescheduleIpi.SetHandler(previous);
            Expect.False(RescheduleIpi.Send(CpuLocals.MaxCpus), "an index beyond the CPUs is refused");
        }

        // CPU 1's reschedule hook cross-calls CPU 0 while CPU 0 cross-calls CPU 1: each must service the
        // other's call while it waits for the lock, or both would wait forever.
        private static void CrossCallsFromTwoCpusAtOnceBothComplete()
        {
            if (!OnlineCpus.IsOnline(1))
                return;
            delegate*<void> previous = RescheduleIpi.Handler;
            s_backCallsDone = 0;
            s_forthCount = 0;
            SetSlot(ref s_hits, 0, 0);
            RescheduleIpi.SetHandler(&CallBackToCpu0);
            Expect.True(RescheduleIpi.Send(1), "reschedule IPI to CPU 1");
            for (int i = 0; i < BackAndForthCalls; i++)
                Expect.True(CrossCpuCall.RunOn(1, &CountForth, 0), "call to CPU 1");
            ulong deadline = TscClock.Nanoseconds() + WaitNanoseconds;
            while (s_backCallsDone == 0 && TscClock.Nanoseconds() < deadline)
                Cpu.Pause();
            RescheduleIpi.SetHandler(previous);
            Expect.Equal(BackAndForthCalls, s_forthCount, "every call to CPU 1 ran");
            Expect.Equal(1, s_backCallsDone, "CPU 1 finished its calls");
            Expect.Equal((ulong)BackAndForthCalls, Slot(ref s_hits, 0), "every call from CPU 1 ran on CPU 0");
        }

        private static void CallBackToCpu0()
        {
            if (LocalApic.CurrentCpuIndex != 1)
                return;
            for (int i = 0; i < BackAndForthCalls; i++)
                CrossCpuCall.RunOn(0, &CountHit, 0);
            s_backCallsDone = 1;
        }

        private static void RemappedKernelPageIsSeenOnEveryCpu()
        {
            AddressSpace space = KernelAddressSpace.Space;
            var virt = new VirtualAddress(ShootdownTestAddress);
            Expect.Equal((long)PagingResult.NotMapped, (long)space.Translate(virt, out _), "test address unused");
            Expect.True(KernelAddressSpace.Frames.TryAllocateZeroed(out PhysicalAddress oldFrame), "a frame");
            Expect.True(KernelAddressSpace.Frames.TryAllocateZeroed(out PhysicalAddress newFrame), "another frame");
            *(ulong*)KernelAddressSpace.DirectMap.ToPointer(oldFrame) = OldContents;
            *(ulong*)KernelAddressSpace.DirectMap.ToPointer(newFrame) = NewContents;
            Expect.Equal((long)PagingResult.Success, (long)space.Map(virt, oldFrame, PageSize.Small, PageFlags.Writable | PageFlags.NoExecute), "map the old frame");
            ReadOnEveryCpu(OldContents, "every CPU reads the old frame (and caches the translation)");

            ulong[] completedBefore = new ulong[CpuLocals.MaxCpus];
            for (int cpu = 0; cpu < CpuLocals.MaxCpus; cpu++)
                completedBefore[cpu] = CrossCpuCall.CompletedOn(cpu);
            Expect.Equal((long)PagingResult.Success, (long)space.Unmap(virt, PageSize.Small), "unmap");
            for (int cpu = 1; cpu < CpuLocals.MaxCpus; cpu++)
            {
                if (OnlineCpus.IsOnline(cpu))
                    Expect.True(CrossCpuCall.CompletedOn(cpu) > completedBefore[cpu], "the unmap shot down this CPU's TLB");
            }
            Expect.Equal((long)PagingResult.Success, (long)space.Map(virt, newFrame, PageSize.Small, PageFlags.Writable | PageFlags.NoExecute), "map the new frame");
            ReadOnEveryCpu(NewContents, "every CPU reads the new frame");

            Expect.Equal((long)PagingResult.Success, (long)space.Unmap(virt, PageSize.Small), "unmap at the end");
            KernelAddressSpace.Frames.Free(oldFrame);
            KernelAddressSpace.Frames.Free(newFrame);
        }

        private static void ReadOnEveryCpu(ulong expected, string what)
        {
            for (int cpu = 0; cpu < CpuLocals.MaxCpus; cpu++)
            {
                if (!OnlineCpus.IsOnline(cpu))
                    continue;
                SetSlot(ref s_observed, cpu, 0);
                Expect.True(CrossCpuCall.RunOn(cpu, &ReadTestPage, cpu), "cross-call to read");
                Expect.Equal(expected, Slot(ref s_observed, cpu), what);
            }
        }

        private static void ReadTestPage(nint slot) => SetSlot(ref s_observed, (int)slot, *(ulong*)ShootdownTestAddress);

        private static void RecordCurrentCpu(nint slot) => SetSlot(ref s_observed, (int)slot, (ulong)LocalApic.CurrentCpuIndex);

        private static void RecordCr0(nint slot) => SetSlot(ref s_observed, (int)slot, Cpu.ReadCr0());

        private static void RecordCr4(nint slot) => SetSlot(ref s_observed, (int)slot, Cpu.ReadCr4());

        private static void RecordEfer(nint slot) => SetSlot(ref s_observed, (int)slot, Cpu.ReadMsr((uint)EferMsr));

        private static void RecordPat(nint slot) => SetSlot(ref s_observed, (int)slot, Cpu.ReadMsr(PageAttributeTable.PatMsr));

        private static void CountHit(nint unused)
        {
            int cpu = LocalApic.CurrentCpuIndex;
            SetSlot(ref s_hits, cpu, Slot(ref s_hits, cpu) + 1);
        }

        private static void CountForth(nint unused) => s_forthCount++;

        private static void CountHookCall() => s_hookCalls++;

        private static ulong Slot(ref Slots slots, int cpu)
        {
            fixed (ulong* entries = slots.Entries)
                return (uint)cpu < CpuLocals.MaxCpus ? entries[cpu] : 0;
        }

        private static void SetSlot(ref Slots slots, int cpu, ulong value)
        {
            fixed (ulong* entries = slots.Entries)
            {
                if ((uint)cpu < CpuLocals.MaxCpus)
                    entries[cpu] = value;
            }
        }
    }
}
