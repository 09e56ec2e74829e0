// A monotonic nanosecond clock from the time-stamp counter. The TSC frequency comes from CPUID leaf 0x15
// (crystal ratio, exact) when the CPU reports it, else from a 25 ms measurement against the PIT, else from
// CPUID leaf 0x16 (base frequency); if nothing answers, a nominal 1 GHz is assumed and Source says so.
// The interrupts issue adds the invariant-TSC check and HPET/PM-timer references.
namespace MinimalOS.Kernel.Arch.X86_64
{
    internal static unsafe class TscClock
    {
        private const ulong NominalHz = 1_000_000_000;

        private static ulong s_startTicks;
        private static ulong s_hz = NominalHz;

        /// <summary>Where the frequency came from; Nominal means nothing answered and 1 GHz is assumed.</summary>
        public static TscSource Source { get; private set; }

        public static ulong FrequencyHz => s_hz;

        public static string SourceName => Source switch
        {
            TscSource.CpuidCrystal => "CPUID leaf 0x15",
            TscSource.Pit => "measured against the PIT",
            TscSource.CpuidBaseFrequency => "CPUID leaf 0x16 base frequency",
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

        private static void SetFrequency(ulong hz, TscSource source)
        {
            s_hz = hz;
            Source = source;
        }

        public static ulong Nanoseconds()
        {
            ulong ticks = Cpu.ReadTimestampCounter() - s_startTicks;
            // Split to avoid overflowing 64 bits: whole seconds, then the remainder.
            ulong seconds = ticks / s_hz;
            ulong remainder = ticks % s_hz;
            return seconds * 1_000_000_000 + remainder * 1_000_000_000 / s_hz;
        }
    }

    internal enum TscSource
    {
        Nominal,
        CpuidCrystal,
        Pit,
        CpuidBaseFrequency,
    }
}
