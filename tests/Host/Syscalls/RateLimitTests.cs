// Host tests of the token bucket behind the debug-log rate limit: a burst passes, the next event is
// refused and counted, tokens come back at the configured rate and never beyond the burst.
using MinimalOS.Kernel.Syscalls;
using Xunit;

namespace MinimalOS.Tests.Host.Syscalls
{
    public sealed class RateLimitTests
    {
        private const ulong Second = 1_000_000_000;

        [Fact]
        public void ABurstPassesThenEventsAreRefusedAndCounted()
        {
            var limit = new RateLimit(burst: 3, perSecond: 10);
            ulong now = 5 * Second;
            Assert.True(limit.TryTake(now));
            Assert.True(limit.TryTake(now));
            Assert.True(limit.TryTake(now));
            Assert.False(limit.TryTake(now));
            Assert.False(limit.TryTake(now));
            Assert.Equal(2UL, limit.Suppressed);
        }

        [Fact]
        public void TokensComeBackAtTheRateAndNeverBeyondTheBurst()
        {
            var limit = new RateLimit(burst: 2, perSecond: 10);
            ulong now = Second;
            Assert.True(limit.TryTake(now));
            Assert.True(limit.TryTake(now));
            Assert.False(limit.TryTake(now));
            now += Second / 10;                    // one token
            Assert.True(limit.TryTake(now));
            Assert.False(limit.TryTake(now));
            now += 100 * Second;                   // far more than the burst
            Assert.True(limit.TryTake(now));
            Assert.True(limit.TryTake(now));
            Assert.False(limit.TryTake(now));
        }

        [Fact]
        public void ATimeThatGoesBackwardsGrantsNothing()
        {
            var limit = new RateLimit(burst: 1, perSecond: 1000);
            Assert.True(limit.TryTake(10 * Second));
            Assert.False(limit.TryTake(5 * Second));
        }

        [Fact]
        public void AZeroRateNeverRefills()
        {
            var limit = new RateLimit(burst: 1, perSecond: 0);
            Assert.True(limit.TryTake(Second));
            Assert.False(limit.TryTake(1000 * Second));
        }
    }
}
