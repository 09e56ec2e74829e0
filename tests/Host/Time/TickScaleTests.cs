// Host tests of the tick-to-nanosecond scale: against the exact 128-bit answer for counter rates from
// 1 kHz to 5 GHz and tick counts up to about a century, monotonicity across the split at bit Shift, and
// the frequencies it refuses.
using System;
using MinimalOS.Kernel.Time;
using Xunit;

namespace MinimalOS.Tests.Host.Time
{
    public class TickScaleTests
    {
        public static TheoryData<ulong> Frequencies => new() { 1_000, 32_768, 14_318_180, 100_000_000, 999_999_999, 1_000_000_000, 1_000_003_000, 1_600_000_000, 2_419_200_000, 4_000_000_000, 5_000_000_000 };

        [Theory]
        [MemberData(nameof(Frequencies))]
        public void MatchesTheExactConversionWithinTwoPartsIn2To31(ulong hz)
        {
            Assert.True(TickScale.TryForFrequency(hz, out TickScale scale));
            var random = new Random((int)(hz % int.MaxValue));
            ulong century = (ulong)Math.Min((double)ulong.MaxValue / 4, 100.0 * 365 * 86400 * hz);
            for (int i = 0; i < 20_000; i++)
            {
                ulong ticks = i < 64 ? (1UL << i) - 1 : (ulong)(random.NextDouble() * century);
                if (ticks > century)
                    continue;
                UInt128 exact = (UInt128)ticks * 1_000_000_000 / hz;
                ulong actual = scale.ToNanoseconds(ticks);
                UInt128 difference = actual > exact ? actual - exact : exact - actual;
                UInt128 allowed = exact / (1UL << 30) + 2;
                Assert.True(difference <= allowed, $"{hz} Hz, {ticks} ticks: {actual} ns, exact {exact}");
            }
        }

        [Theory]
        [MemberData(nameof(Frequencies))]
        public void NeverGoesBackwardsAcrossTheSplit(ulong hz)
        {
            Assert.True(TickScale.TryForFrequency(hz, out TickScale scale));
            for (ulong high = 0; high < 5; high++)
            {
                ulong edge = (high << scale.Shift) + (1UL << scale.Shift) - 1;
                for (ulong ticks = edge - 3; ticks <= edge + 3; ticks++)
                    Assert.True(scale.ToNanoseconds(ticks + 1) >= scale.ToNanoseconds(ticks), $"{hz} Hz at {ticks}");
            }
        }

        [Fact]
        public void OneGigahertzIsExact()
        {
            Assert.True(TickScale.TryForFrequency(1_000_000_000, out TickScale scale));
            foreach (ulong ticks in new ulong[] { 0, 1, 999, 1UL << 31, (1UL << 32) + 7, 123_456_789_012_345 })
                Assert.Equal(ticks, scale.ToNanoseconds(ticks));
            Assert.Equal(12345UL, TickScale.Nominal.ToNanoseconds(12345));
        }

        [Theory]
        [InlineData(0UL)]
        [InlineData(999UL)]
        [InlineData(ulong.MaxValue)]
        public void RefusesFrequenciesItCannotScale(ulong hz)
        {
            Assert.False(TickScale.TryForFrequency(hz, out _));
        }
    }
}
