// A monotonic nanosecond clock from the time-stamp counter. The TSC frequency comes from CPUID leaf 0x15
// (crystal ratio) or 0x16 (base frequency) when the CPU reports them; otherwise a nominal 1 GHz is assumed
// and IsCalibrated stays false until the timer issue calibrates it against the HPET or PIT.
namespace MinimalOS.Kernel.Arch.X86_64
{
    internal static unsafe class TscClock
    {
        private const ulong NominalHz = 1_000_000_000;

        private static ulong s_startTicks;
        private static ulong s_hz = NominalHz;

        public static bool IsCalibrated { get; private set; }

        public static ulong FrequencyHz => s_hz;

        public static void Initialize()
        {
            s_startTicks = Cpu.ReadTimestampCounter();
            uint* r = stackalloc uint[4];
            Cpu.CpuId(0, 0, r);
            uint maxLeaf = r[0];
            if (maxLeaf >= 0x15)
            {
                Cpu.CpuId(0x15, 0, r);
                // eax = denominator, ebx = numerator, ecx = crystal Hz (0 if not enumerated).
                if (r[0] != 0 && r[1] != 0 && r[2] != 0)
                {
                    SetFrequency((ulong)r[2] * r[1] / r[0]);
                    return;
                }
            }
            if (maxLeaf >= 0x16)
            {
                Cpu.CpuId(0x16, 0, r);
                if ((r[0] & 0xFFFF) != 0)
                    SetFrequency((ulong)(r[0] & 0xFFFF) * 1_000_000);
            }
        }

        private static void SetFrequency(ulong hz)
        {
            s_hz = hz;
            IsCalibrated = true;
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
}
