// Which application processors to start, decided from the MADT's processor list before any IPI is sent:
// in table order, enabled entries other than the boot CPU get CPU indexes 1, 2, ... up to the per-CPU
// limit; every other entry is kept with the reason it is skipped, so bring-up can log it. The firmware's
// table is untrusted: duplicate APIC ids and ids beyond the kernel's tables are refused, never started.
using MinimalOS.Kernel.Acpi;

namespace MinimalOS.Kernel.Smp
{
    public sealed class ApplicationProcessorPlan
    {
        private readonly ProcessorStartDecision[] _decisions;

        private ApplicationProcessorPlan(ProcessorStartDecision[] decisions, int count, int starting)
        {
            _decisions = decisions;
            Count = count;
            StartingCount = starting;
        }

        /// <summary>Every MADT processor entry, in table order.</summary>
        public int Count { get; }

        /// <summary>How many entries are to be started.</summary>
        public int StartingCount { get; }

        public ProcessorStartDecision this[int index] => _decisions[index];

        /// <summary>
        /// The plan for <paramref name="madt"/> (null: no MADT, nothing to start) when the boot CPU has APIC id
        /// <paramref name="bootApicId"/> and index 0, there are <paramref name="maxCpus"/> per-CPU slots and
        /// APIC ids must be below <paramref name="apicIdLimit"/>.
        /// </summary>
        public static ApplicationProcessorPlan Build(MadtInfo madt, uint bootApicId, int maxCpus, uint apicIdLimit)
        {
            int count = madt is null ? 0 : madt.Processors.Count;
            var decisions = new ProcessorStartDecision[count];
            int nextIndex = 1;
            for (int i = 0; i < count; i++)
            {
                MadtProcessor processor = madt.Processors[i];
                ProcessorSkipReason reason = ReasonToSkip(processor, decisions, i, bootApicId, apicIdLimit);
                if (reason == ProcessorSkipReason.None && nextIndex >= maxCpus)
                    reason = ProcessorSkipReason.TooManyCpus;
                decisions[i] = new ProcessorStartDecision(processor.ApicId, reason == ProcessorSkipReason.None ? nextIndex++ : -1, reason);
            }
            return new ApplicationProcessorPlan(decisions, count, nextIndex - 1);
        }

        private static ProcessorSkipReason ReasonToSkip(MadtProcessor processor, ProcessorStartDecision[] earlier, int earlierCount, uint bootApicId, uint apicIdLimit)
        {
            if (!processor.Enabled)
                return ProcessorSkipReason.NotEnabled;
            if (processor.ApicId == bootApicId)
                return ProcessorSkipReason.BootCpu;
            if (processor.ApicId >= apicIdLimit)
                return ProcessorSkipReason.ApicIdTooLarge;
            for (int j = 0; j < earlierCount; j++)
            {
                if (earlier[j].ApicId == processor.ApicId && earlier[j].SkipReason != ProcessorSkipReason.NotEnabled)
                    return ProcessorSkipReason.DuplicateApicId;
            }
            return ProcessorSkipReason.None;
        }
    }
}
