// A monotonic nanosecond clock from the time-stamp counter. The TSC frequency comes from CPUID leaf 0x15
// (crystal ratio, exact) when the CPU reports it, else from a 25 ms measurement against the PIT, else from
// CPUID leaf 0x16 (base frequency); if nothing answers, a nominal 1 GHz is assumed and Source says so.
// Once the HPET runs, a PIT (or CPUID 0x16) figure is replaced by a measurement against the HPET
// (Refine): the PIT poll was seen 45% off under OVMF on a loaded host, the HPET counter is read directly.
using System.Runtime.CompilerServices;
using MinimalOS.Kernel.Time;

namespace MinimalOS.Kernel.Arch.X86_64
{
    internal static unsafe class TscClock
    {
        private const ulong NominalHz = 1_000_000_000;

        private static ulong s_startTicks;
        // Nanoseconds already counted at s_startTicks: Refine rebases here so the clock never jumps back.
        private static ulong s_startNanoseconds;
        private static ulong s_hz = NominalHz;
        private static TickScale s_scale = TickScale.Nominal;

        /// <summary>Where the frequency came from; Nominal means nothing answered and 1 GHz is assumed.</summary>
        public static TscSource Source { get; private set; }

        public static ulong FrequencyHz => s_hz;

        public static string SourceName => Source switch
        {
            TscSource.CpuidCrystal => "CPUID leaf 0x15",
            TscSource.Pit => "measured against the PIT",
            TscSource.CpuidBaseFrequency => "CPUID leaf 0x16 base frequency",
            TscSource.Hpet => "measured against the HPET",
            _ => "not calibrated: nominal 1 GHz",
        };

        public static void Initialize()
        {
            s_startTicks = Cpu.ReadTimestampCounter();
            uint* r = stackalloc uint[4];
            Cpu.CpuId(0, 0, r);
            uint maxLeaf = r[0];
            if (maxLeaf >= 0x15)
            {
                Cpu.CpuId(0x15, 0, r);
                // eax = denominator, ebx = numerator, ecx = crystal Hz (0 if not enumerated): exact when present.
                if (r[0] != 0 && r[1] != 0 && r[2] != 0)
                {
                    SetFrequency((ulong)r[2] * r[1] / r[0], TscSource.CpuidCrystal);
                    return;
                }
            }
            ulong measured = PitTscCalibration.MeasureTscHz(25);
            if (measured != 0)
            {
                SetFrequency(measured, TscSource.Pit);
                return;
            }
            if (maxLeaf >= 0x16)
            {
                // The processor's base frequency: the TSC rate on the CPUs that report it but not leaf 0x15.
                Cpu.CpuId(0x16, 0, r);
                if ((r[0] & 0xFFFF) != 0)
                    SetFrequency((ulong)(r[0] & 0xFFFF) * 1_000_000, TscSource.CpuidBaseFrequency);
            }
        }

        /// <summary>
        /// Replaces a measured or assumed frequency by <paramref name="hz"/> from a better reference; an exact
        /// CPUID crystal figure is kept. Nanoseconds stays monotonic: time so far is kept at the old rate.
        /// </summary>
        public static bool Refine(ulong hz, TscSource source)
        {
            if (hz == 0 || Source == TscSource.CpuidCrystal)
                return false;
            ulong now = Cpu.ReadTimestampCounter();
            s_startNanoseconds += TicksToNanoseconds(now - s_startTicks);
            s_startTicks = now;
            SetFrequency(hz, source);
            return true;
        }

        private static void SetFrequency(ulong hz, TscSource source)
        {
            if (!TickScale.TryForFrequency(hz, out TickScale scale))
                return;
            s_hz = hz;
            s_scale = scale;
            Source = source;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static ulong Nanoseconds()
        {
            // The counter first: nothing loaded before the call has to survive it in a saved register.
            ulong now = Cpu.ReadTimestampCounter();
            return s_startNanoseconds + TicksToNanoseconds(now - s_startTicks);
        }

        private static ulong TicksToNanoseconds(ulong ticks) => s_scale.ToNanoseconds(ticks);
    }

    internal enum TscSource
    {
        Nominal,
        CpuidCrystal,
        Pit,
        CpuidBaseFrequency,
        Hpet,
    }
}
