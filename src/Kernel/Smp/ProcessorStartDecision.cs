// One MADT processor and what bring-up does with it: start it as CPU CpuIndex, or skip it for SkipReason.
namespace MinimalOS.Kernel.Smp
{
    public readonly struct ProcessorStartDecision
    {
        public ProcessorStartDecision(uint apicId, int cpuIndex, ProcessorSkipReason skipReason)
        {
            ApicId = apicId;
            CpuIndex = cpuIndex;
            SkipReason = skipReason;
        }

        public uint ApicId { get; }

        /// <summary>The CPU index it gets when started; -1 when skipped.</summary>
        public int CpuIndex { get; }

        public ProcessorSkipReason SkipReason { get; }

        public bool Starts => SkipReason == ProcessorSkipReason.None;
    }
}
