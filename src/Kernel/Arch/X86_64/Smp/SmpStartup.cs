// Brings up the application processors: registers the boot CPU and the IPI vectors, plans which MADT
// processors to start (ApplicationProcessorPlan), installs the start-up code in a low page, then starts the
// APs one at a time with INIT, start-up IPI (and a second one only if the first went unanswered) and waits
// up to one second for each to report its initialisation done. An AP's first C# code runs on a stand-in
// per-CPU block (GS) until it has set up its own descriptor tables; then it sets up its local APIC, its
// FPU state components (the boot CPU's XCR0) and its timer (calibrated per CPU against the HPET: 10 ms
// each), marks itself online and calls the online entry, which never returns. An AP that does not answer
// or cannot match the boot CPU is logged by APIC id, sent INIT again (back to wait-for-start-up) and
// skipped; the trampoline is then closed to it, so it never runs kernel code on another AP's data. One at a
// time also keeps the start-up block and the trampoline data single. Runs once, on the boot CPU, after its
// interrupt controllers and the scheduler are up.
using System.Runtime;
using MinimalOS.Kernel.Arch.X86_64.Apic;
using MinimalOS.Kernel.Arch.X86_64.Interrupts;
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Paging;
using MinimalOS.Kernel.Memory.Physical;
using MinimalOS.Kernel.Smp;

namespace MinimalOS.Kernel.Arch.X86_64.Smp
{
    internal static unsafe class SmpStartup
    {
        /// <summary>The APs' start-up stacks: the same 64 KiB as the boot stack (each with a guard page below).</summary>
        public const int StackPages = 16;

        // The trampoline checks the 8-bit initial APIC id, and LocalApic's id table has 256 entries.
        private const uint ApicIdLimit = 0xFF;
        private const ulong InitDelayNanoseconds = 10_000_000;
        private const ulong StartupDelayNanoseconds = 200_000;
        // Generous for QEMU's TCG, where an AP's first instructions can take long to be translated.
        private const ulong AnswerTimeoutNanoseconds = 1_000_000_000;
        private const int NoAnswer = -1;
        private const int InitFailed = -2;

        private static delegate*<void> s_onlineEntry;
        private static volatile int s_answer;
        // The AP's per-CPU block until ProcessorTables gives it its own page: its first C# code already needs
        // GS (locks record their owner's CPU index). APs start one at a time, so one block serves them all.
        private static CpuLocal s_startupLocal;

        /// <summary>
        /// Starts every startable AP; each runs <paramref name="onlineEntry"/> once it is online (null: it idles
        /// with interrupts on, answering IPIs). Returns the number of CPUs online, the boot CPU included.
        /// </summary>
        public static int StartApplicationProcessors(delegate*<void> onlineEntry)
        {
            ulong began = TscClock.Nanoseconds();
            uint bootApicId = LocalApic.Id;
            OnlineCpus.MarkOnline(0, bootApicId);
            if (!CrossCpuCall.Initialize() || !RescheduleIpi.Initialize())
                Log.Error("smp", $"IPI vectors 0x{CrossCpuCall.Vector:x}/0x{RescheduleIpi.Vector:x} were already taken");
            // A CPU spinning for a lock with interrupts off still answers cross-CPU calls (TLB shootdowns).
            Sync.TicketLock.SetWaitHook(&CrossCpuCall.ServicePending);
            s_onlineEntry = onlineEntry != null ? onlineEntry : &Cpu.IdleForever;

            ApplicationProcessorPlan plan = ApplicationProcessorPlan.Build(AcpiStartup.Tables?.Madt, bootApicId, CpuLocals.MaxCpus, ApicIdLimit);
            LogSkipped(plan);
            int lost = 0;
            if (plan.StartingCount > 0)
                lost = StartAll(plan);
            Log.Info("smp", $"{OnlineCpus.Count} of {plan.StartingCount + 1} CPUs online in {(TscClock.Nanoseconds() - began) / 1000} us ({lost} did not answer)");
            return OnlineCpus.Count;
        }

        private static int StartAll(ApplicationProcessorPlan plan)
        {
            ApTrampoline trampoline = InstallTrampoline();
            if (trampoline is null)
                return plan.StartingCount;
            int lost = 0;
            for (int i = 0; i < plan.Count; i++)
            {
                ProcessorStartDecision decision = plan[i];
                if (decision.Starts && !StartOne(trampoline, decision))
                    lost++;
            }
            trampoline.Close();
            // A lost AP might still be somewhere in the trampoline's code: its tables stay.
            if (lost == 0)
                trampoline.ReleaseTables();
            return lost;
        }

        private static ApTrampoline InstallTrampoline()
        {
            BootInfo boot = BootSequence.Information;
            var avoid = new ReservedRanges();
            avoid.Add(boot.InformationAddress, boot.InformationLength, "boot information");
            for (int i = 0; i < boot.Modules.Count; i++)
                avoid.Add(boot.Modules[i].Start, boot.Modules[i].Length, "boot module");
            if (!TrampolinePlacement.TryChoosePage(boot.MemoryMap, avoid, out PhysicalAddress page))
            {
                Log.Error("smp", $"no usable page in 0x{TrampolinePlacement.LowestPage:x}-0x{TrampolinePlacement.EndOfCandidates:x} for the AP start-up code: only the boot CPU runs");
                return null;
            }
            ApTrampoline trampoline = ApTrampoline.TryInstall(page);
            if (trampoline is not null)
                Log.Info("smp", $"AP start-up code at 0x{page.Value:x} (start-up vector 0x{trampoline.StartupVector:x})");
            return trampoline;
        }

        private static bool StartOne(ApTrampoline trampoline, in ProcessorStartDecision decision)
        {
            uint apicId = decision.ApicId;
            int cpu = decision.CpuIndex;
            PagingResult stackResult = KernelStacks.Allocator.TryAllocate(StackPages, out KernelStack stack);
            if (stackResult != PagingResult.Success)
            {
                Log.Error("smp", $"no stack for CPU {cpu} (APIC id {apicId}): result {(int)stackResult}; not started");
                return false;
            }
            ulong began = TscClock.Nanoseconds();
            s_answer = NoAnswer;
            fixed (CpuLocal* startup = &s_startupLocal)
            {
                startup->Self = startup;
                startup->Index = (uint)cpu;
                startup->Scheduler = 0;
            }
            trampoline.Prepare(apicId, cpu, stack.Top);
            bool sent = LocalApicIpi.SendInit(apicId);
            Wait(InitDelayNanoseconds);
            sent &= LocalApicIpi.SendStartup(apicId, trampoline.StartupVector);
            Wait(StartupDelayNanoseconds);
            if (!trampoline.Arrived)
                sent &= LocalApicIpi.SendStartup(apicId, trampoline.StartupVector);
            int answer = WaitForAnswer(began + AnswerTimeoutNanoseconds);
            if (answer == cpu)
            {
                Log.Info("smp", $"CPU {cpu} online: APIC id {apicId}, started in {(TscClock.Nanoseconds() - began) / 1000} us");
                return true;
            }
            trampoline.Close();
            LocalApicIpi.SendInit(apicId);
            if (answer == InitFailed)
                Log.Error("smp", $"CPU {cpu} (APIC id {apicId}) could not set up its local APIC or its FPU state; parked with INIT");
            else
                Log.Error("smp", $"CPU with APIC id {apicId} did not answer within {AnswerTimeoutNanoseconds / 1_000_000} ms (IPIs {(sent ? "delivered" : "NOT delivered")}, start-up code {(trampoline.Arrived ? "entered" : "never entered")}); skipped and parked with INIT");
            return false;
        }

        private static int WaitForAnswer(ulong deadline)
        {
            while (s_answer == NoAnswer && TscClock.Nanoseconds() < deadline)
            {
                // The starting AP may need a cross-CPU call (a TLB shootdown) answered by this CPU.
                CrossCpuCall.ServicePending();
                Cpu.Pause();
            }
            return s_answer;
        }

        private static void Wait(ulong nanoseconds)
        {
            ulong end = TscClock.Nanoseconds() + nanoseconds;
            while (TscClock.Nanoseconds() < end)
                Cpu.Pause();
        }

        private static void LogSkipped(ApplicationProcessorPlan plan)
        {
            for (int i = 0; i < plan.Count; i++)
            {
                ProcessorStartDecision decision = plan[i];
                switch (decision.SkipReason)
                {
                    case ProcessorSkipReason.NotEnabled:
                        Log.Info("smp", $"APIC id {decision.ApicId} not started: the MADT marks it disabled");
                        break;
                    case ProcessorSkipReason.DuplicateApicId:
                        Log.Warn("smp", $"APIC id {decision.ApicId} not started: listed twice in the MADT");
                        break;
                    case ProcessorSkipReason.ApicIdTooLarge:
                        Log.Warn("smp", $"APIC id {decision.ApicId} not started: beyond the kernel's APIC id limit {ApicIdLimit - 1}");
                        break;
                    case ProcessorSkipReason.TooManyCpus:
                        Log.Warn("smp", $"APIC id {decision.ApicId} not started: all {CpuLocals.MaxCpus} CPU slots are taken");
                        break;
                }
            }
        }

        // The AP's first C# code, on its own stack with interrupts off (called by Native/smp_trampoline.asm).
        [RuntimeExport("SmpApplicationProcessorEntry")]
        private static void ApplicationProcessorEntry(ulong cpuIndex)
        {
            int cpu = (int)cpuIndex;
            fixed (CpuLocal* startup = &s_startupLocal)
                ThisCpu.Install(startup);
            ProcessorTables.InitializeThisCpu((uint)cpu);
            PageAttributeTable.InitializeThisCpu();
            if (!LocalApic.InitializeThisCpu(cpu) || !FpuState.InitializeThisCpu())
            {
                s_answer = InitFailed;
                Cpu.HaltForever();
            }
            LocalApicTimer.CalibrateThisCpu();
            OnlineCpus.MarkOnline(cpu, LocalApic.Id);
            s_answer = cpu;
            s_onlineEntry();
            Cpu.HaltForever();
        }
    }
}
