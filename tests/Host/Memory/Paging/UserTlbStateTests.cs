// Host tests of per-address-space TLB tracking: a new space is stale everywhere, a load takes (and
// clears) only its own CPU's stale bit, a mapping change marks exactly the CPUs that ran the space
// (except the caller that flushes itself) and those then flush once at their next load.
using MinimalOS.Kernel.Memory.Paging;
using Xunit;

namespace MinimalOS.Tests.Host.Memory.Paging
{
    public sealed class UserTlbStateTests
    {
        [Fact]
        public void ANewSpaceIsFlushedAtTheFirstLoadOnEveryCpuOnly()
        {
            var state = UserTlbState.ForNewSpace(7);
            Assert.Equal((ushort)7, state.Pcid);
            Assert.True(state.BeginLoad(0));
            Assert.False(state.BeginLoad(0));
            Assert.True(state.BeginLoad(3));
            Assert.False(state.BeginLoad(3));
            Assert.Equal(0b1001UL, state.RanOn);
        }

        [Fact]
        public void AChangeMarksTheCpusThatRanTheSpaceExceptTheCaller()
        {
            var state = UserTlbState.ForNewSpace(1);
            state.BeginLoad(0);
            state.BeginLoad(1);
            state.BeginLoad(2);
            Assert.Equal(0b110UL, state.MarkStale(exceptCpu: 0));
            Assert.False(state.BeginLoad(0));
            Assert.True(state.BeginLoad(1));
            Assert.True(state.BeginLoad(2));
            Assert.False(state.BeginLoad(2));
        }

        [Fact]
        public void AChangeWithoutACallerExceptionMarksEveryCpuThatRanIt()
        {
            var state = UserTlbState.ForNewSpace(1);
            state.BeginLoad(5);
            Assert.Equal(1UL << 5, state.MarkStale(exceptCpu: -1));
            Assert.True(state.BeginLoad(5));
        }

        [Fact]
        public void CpusThatNeverRanTheSpaceAreNotTargets()
        {
            var state = UserTlbState.ForNewSpace(1);
            Assert.Equal(0UL, state.MarkStale(exceptCpu: -1));
            state.BeginLoad(63);
            Assert.Equal(1UL << 63, state.MarkStale(exceptCpu: 2));
        }
    }
}
