// Host tests of the AP start plan: table order and dense CPU indexes from 1, the boot CPU and disabled
// (even online-capable) entries skipped, duplicate and too-large APIC ids refused, the per-CPU limit kept,
// and no MADT meaning nothing to start.
using MinimalOS.Kernel.Acpi;
using MinimalOS.Kernel.Smp;
using Xunit;

namespace MinimalOS.Tests.Host.Smp
{
    public sealed class ApplicationProcessorPlanTests
    {
        private const uint Limit = 255;

        private static MadtInfo Madt(params (uint ApicId, bool Enabled, bool OnlineCapable)[] processors)
        {
            var madt = new MadtInfo();
            for (int i = 0; i < processors.Length; i++)
                madt.Processors.Add(new MadtProcessor((uint)i, processors[i].ApicId, processors[i].Enabled, processors[i].OnlineCapable, isX2Apic: false));
            return madt;
        }

        private static void AssertDecision(ProcessorStartDecision decision, uint apicId, int cpuIndex, ProcessorSkipReason reason)
        {
            Assert.Equal(apicId, decision.ApicId);
            Assert.Equal(cpuIndex, decision.CpuIndex);
            Assert.Equal(reason, decision.SkipReason);
            Assert.Equal(reason == ProcessorSkipReason.None, decision.Starts);
        }

        [Fact]
        public void QemuFourCpusStartsThreeInTableOrder()
        {
            var plan = ApplicationProcessorPlan.Build(Madt((0, true, false), (1, true, false), (2, true, false), (3, true, false)), 0, 64, Limit);
            Assert.Equal(4, plan.Count);
            Assert.Equal(3, plan.StartingCount);
            AssertDecision(plan[0], 0, -1, ProcessorSkipReason.BootCpu);
            AssertDecision(plan[1], 1, 1, ProcessorSkipReason.None);
            AssertDecision(plan[2], 2, 2, ProcessorSkipReason.None);
            AssertDecision(plan[3], 3, 3, ProcessorSkipReason.None);
        }

        [Fact]
        public void BootCpuNeedNotBeFirstAndIndexesStayDense()
        {
            var plan = ApplicationProcessorPlan.Build(Madt((4, true, false), (6, true, false), (2, true, false)), 6, 64, Limit);
            Assert.Equal(2, plan.StartingCount);
            AssertDecision(plan[0], 4, 1, ProcessorSkipReason.None);
            AssertDecision(plan[1], 6, -1, ProcessorSkipReason.BootCpu);
            AssertDecision(plan[2], 2, 2, ProcessorSkipReason.None);
        }

        [Fact]
        public void DisabledAndOnlineCapableEntriesAreNotStarted()
        {
            var plan = ApplicationProcessorPlan.Build(Madt((0, true, false), (1, false, false), (2, false, true), (3, true, false)), 0, 64, Limit);
            Assert.Equal(1, plan.StartingCount);
            AssertDecision(plan[1], 1, -1, ProcessorSkipReason.NotEnabled);
            AssertDecision(plan[2], 2, -1, ProcessorSkipReason.NotEnabled);
            AssertDecision(plan[3], 3, 1, ProcessorSkipReason.None);
        }

        [Fact]
        public void DuplicateApicIdStartsOnce()
        {
            var plan = ApplicationProcessorPlan.Build(Madt((0, true, false), (1, true, false), (1, true, false)), 0, 64, Limit);
            Assert.Equal(1, plan.StartingCount);
            AssertDecision(plan[2], 1, -1, ProcessorSkipReason.DuplicateApicId);
        }

        [Fact]
        public void DisabledTwinDoesNotMakeTheEnabledOneADuplicate()
        {
            var plan = ApplicationProcessorPlan.Build(Madt((0, true, false), (5, false, false), (5, true, false)), 0, 64, Limit);
            AssertDecision(plan[2], 5, 1, ProcessorSkipReason.None);
        }

        [Fact]
        public void ApicIdsAtTheLimitAreRefused()
        {
            var plan = ApplicationProcessorPlan.Build(Madt((0, true, false), (255, true, false), (300, true, false), (254, true, false)), 0, 64, Limit);
            AssertDecision(plan[1], 255, -1, ProcessorSkipReason.ApicIdTooLarge);
            AssertDecision(plan[2], 300, -1, ProcessorSkipReason.ApicIdTooLarge);
            AssertDecision(plan[3], 254, 1, ProcessorSkipReason.None);
        }

        [Fact]
        public void PerCpuLimitIsKept()
        {
            var plan = ApplicationProcessorPlan.Build(Madt((0, true, false), (1, true, false), (2, true, false), (3, true, false)), 0, 3, Limit);
            Assert.Equal(2, plan.StartingCount);
            AssertDecision(plan[3], 3, -1, ProcessorSkipReason.TooManyCpus);
        }

        [Fact]
        public void NoMadtStartsNothing()
        {
            var plan = ApplicationProcessorPlan.Build(null, 0, 64, Limit);
            Assert.Equal(0, plan.Count);
            Assert.Equal(0, plan.StartingCount);
        }
    }
}
