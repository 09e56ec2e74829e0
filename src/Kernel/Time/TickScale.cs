// Converts counter ticks to nanoseconds with two multiplications and two shifts instead of divisions:
// ns = ticks * 10^9 / hz is computed as ticks * Multiplier / 2^Shift, with Multiplier = 10^9 * 2^Shift / hz
// rounded. The clock is read on every ClockMonotonic system call and by the scheduler, and a 64-bit
// division costs tens of cycles on hardware (and a helper call under QEMU TCG). Linux's clocksource
// mult/shift pair is the same idea.
// The tick count is split at bit Shift so no product needs more than 64 bits: Shift is the largest value
// (at most 32) that keeps Multiplier below 2^32, so the low part times Multiplier fits. Error: half a unit
// of Multiplier, under one part in 2^31 of the elapsed time for counters up to 4 GHz (1.7 microseconds an
// hour), far below a calibration's own error.
// The result never goes backwards as ticks grow. Plain arithmetic: no hardware, no allocation.
using System.Runtime.CompilerServices;

namespace MinimalOS.Kernel.Time
{
    public readonly struct TickScale
    {
        private const ulong NanosecondsPerSecond = 1_000_000_000;
        private const int MaxShift = 32;

        public readonly ulong Multiplier;
        public readonly int Shift;
        private readonly ulong _lowMask;

        private TickScale(ulong multiplier, int shift)
        {
            Multiplier = multiplier;
            Shift = shift;
            _lowMask = (1UL << shift) - 1;
        }

        /// <summary>1 GHz: one tick is one nanosecond, for a counter whose frequency nobody reported.</summary>
        public static TickScale Nominal => new TickScale(1UL << 31, 31);

        /// <summary>The scale for a counter running at <paramref name="hz"/> (at least 1 kHz: below that no 32-bit multiplier exists).</summary>
        public static bool TryForFrequency(ulong hz, out TickScale scale)
        {
            scale = default;
            if (hz < 1_000)
                return false;
            for (int shift = MaxShift; shift >= 0; shift--)
            {
                // 10^9 * 2^32 < 2^62: no overflow at the largest shift.
                ulong multiplier = ((NanosecondsPerSecond << shift) + hz / 2) / hz;
                if (multiplier < 1UL << 32)
                {
                    scale = new TickScale(multiplier, shift);
                    return multiplier != 0;
                }
            }
            return false;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong ToNanoseconds(ulong ticks)
        {
            ulong high = ticks >> Shift;
            ulong low = ticks & _lowMask;
            return high * Multiplier + ((low * Multiplier) >> Shift);
        }
    }
}
