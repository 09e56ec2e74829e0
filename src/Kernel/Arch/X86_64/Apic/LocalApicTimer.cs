// Each CPU's local APIC timer: calibrated once per CPU against the HPET main counter (or the PIT-calibrated
// TSC when there is no HPET), then armed in one-shot mode (the tickless scheduler's deadline) or periodic
// mode. Its interrupt (vector 0xF0) runs the handler set with SetHandler, then the EOI. State is per CPU,
// found through the APIC id, so every CPU owns its own timer. Must never be armed before CalibrateThisCpu;
// ArmOneShot/StartPeriodic/Stop act on the calling CPU only and do not allocate (handlers may call them).
using MinimalOS.Kernel.Arch.X86_64.Interrupts;
using MinimalOS.Kernel.Devices;
using MinimalOS.Kernel.Logging;

namespace MinimalOS.Kernel.Arch.X86_64.Apic
{
    internal static unsafe class LocalApicTimer
    {
        public const byte Vector = 0xF0;

        private const uint LvtMasked = 1u << 16;
        private const uint LvtPeriodic = 1u << 17;
        private const uint DivideBy16 = 0x3;
        private const ulong Divisor = 16;
        private const uint CalibrationMilliseconds = 10;
        private const uint CpuIdFeatureTscDeadline = 1u << 24;
        private const uint CpuIdInvariantTscLeaf = 0x8000_0007;
        private const uint InvariantTscBit = 1u << 8;

        private static PerCpuCounters s_perCpu;
        private static delegate*<ref InterruptFrame, void> s_handler;

        private struct PerCpuCounters
        {
            public fixed ulong FrequencyHz[CpuLocals.MaxCpus];
            public fixed ulong Interrupts[CpuLocals.MaxCpus];
        }

        /// <summary>The calling CPU's timer rate in Hz (after the divider), 0 before calibration.</summary>
        public static ulong FrequencyHz
        {
            get
            {
                fixed (ulong* hz = s_perCpu.FrequencyHz)
                    return hz[CurrentCpu];
            }
        }

        /// <summary>Timer interrupts taken on the calling CPU.</summary>
        public static ulong InterruptCount
        {
            get
            {
                fixed (ulong* count = s_perCpu.Interrupts)
                    return count[CurrentCpu];
            }
        }

        /// <summary>Timer interrupts CPU <paramref name="cpu"/> has taken (0 for an index out of range).</summary>
        public static ulong InterruptCountOf(int cpu)
        {
            if ((uint)cpu >= CpuLocals.MaxCpus)
                return 0;
            fixed (ulong* count = s_perCpu.Interrupts)
                return count[cpu];
        }

        /// <summary>Which clock the calibration used ("HPET" or "TSC").</summary>
        public static string CalibrationSource => Hpet.IsAvailable ? "HPET" : "TSC";

        /// <summary>CPUID.1:ECX bit 24: the timer could also run in TSC-deadline mode (not used yet).</summary>
        public static bool TscDeadlineSupported
        {
            get
            {
                uint* regs = stackalloc uint[4];
                Cpu.CpuId(1, 0, regs);
                return (regs[2] & CpuIdFeatureTscDeadline) != 0;
            }
        }

        /// <summary>CPUID 0x80000007 EDX bit 8: the TSC runs at a constant rate in every power state.</summary>
        public static bool InvariantTsc
        {
            get
            {
                uint* regs = stackalloc uint[4];
                Cpu.CpuId(0x8000_0000, 0, regs);
                if (regs[0] < CpuIdInvariantTscLeaf)
                    return false;
                Cpu.CpuId(CpuIdInvariantTscLeaf, 0, regs);
                return (regs[3] & InvariantTscBit) != 0;
            }
        }

        /// <summary>
        /// Measures the calling CPU's timer rate; false (logged) when no reference clock answers. The local APIC
        /// must be initialised on this CPU.
        /// </summary>
        public static bool CalibrateThisCpu()
        {
            if (ThisCpu.Index >= CpuLocals.MaxCpus)
                return false;
            InterruptVectors.Register(Vector, &OnTimer);
            LocalApic.Write(LocalApic.TimerLvtRegister, LvtMasked | Vector);
            LocalApic.Write(LocalApic.TimerDivideRegister, DivideBy16);
            ulong elapsedNs;
            LocalApic.Write(LocalApic.TimerInitialCountRegister, uint.MaxValue);
            if (Hpet.IsAvailable)
            {
                ulong wanted = Hpet.FrequencyHz * CalibrationMilliseconds / 1000;
                ulong start = Hpet.ReadCounter();
                ulong now = start;
                while (Hpet.TicksBetween(start, now) < wanted)
                    now = Hpet.ReadCounter();
                elapsedNs = Hpet.TicksToNanoseconds(Hpet.TicksBetween(start, now));
            }
            else
            {
                ulong wanted = TscClock.FrequencyHz * CalibrationMilliseconds / 1000;
                ulong start = Cpu.ReadTimestampCounter();
                ulong now = start;
                while (now - start < wanted)
                    now = Cpu.ReadTimestampCounter();
                elapsedNs = (now - start) * 1_000_000_000UL / TscClock.FrequencyHz;
            }
            ulong counted = uint.MaxValue - (ulong)LocalApic.Read(LocalApic.TimerCurrentCountRegister);
            LocalApic.Write(LocalApic.TimerInitialCountRegister, 0);
            if (elapsedNs == 0 || counted == 0)
            {
                Log.Error("apic", $"LAPIC timer calibration failed: {counted} timer ticks in {elapsedNs} ns");
                return false;
            }
            ulong measured = counted * 1_000_000_000UL / elapsedNs;
            fixed (ulong* hz = s_perCpu.FrequencyHz)
                hz[CurrentCpu] = measured;
            Log.Info("apic", $"LAPIC timer {measured} Hz (bus / {Divisor}) against the {CalibrationSource} over {elapsedNs / 1000} us; TSC-deadline mode {(TscDeadlineSupported ? "offered (unused)" : "absent")}");
            return true;
        }

        /// <summary>The function every timer interrupt runs (the scheduler's, once it started).</summary>
        public static delegate*<ref InterruptFrame, void> Handler => s_handler;

        /// <summary>Sets the function every timer interrupt runs (before the EOI); null removes it.</summary>
        public static void SetHandler(delegate*<ref InterruptFrame, void> handler) => s_handler = handler;

        /// <summary>
        /// One interrupt on the calling CPU no earlier than <paramref name="nanoseconds"/> from now (rounded up to
        /// whole timer ticks). Spans beyond the 32-bit counter are clamped to its maximum (tens of seconds):
        /// a tickless caller re-arms when the interrupt comes early. Replaces any armed or periodic timer.
        /// </summary>
        public static bool ArmOneShot(ulong nanoseconds)
        {
            uint count = TicksFor(nanoseconds);
            if (count == 0)
                return false;
            LocalApic.Write(LocalApic.TimerLvtRegister, Vector);
            LocalApic.Write(LocalApic.TimerInitialCountRegister, count);
            return true;
        }

        /// <summary>An interrupt every <paramref name="periodNanoseconds"/> on the calling CPU until Stop.</summary>
        public static bool StartPeriodic(ulong periodNanoseconds)
        {
            uint count = TicksFor(periodNanoseconds);
            if (count == 0)
                return false;
            LocalApic.Write(LocalApic.TimerLvtRegister, LvtPeriodic | Vector);
            LocalApic.Write(LocalApic.TimerInitialCountRegister, count);
            return true;
        }

        /// <summary>Cancels the calling CPU's timer (an interrupt already pending may still arrive).</summary>
        public static void Stop()
        {
            LocalApic.Write(LocalApic.TimerLvtRegister, LvtMasked | Vector);
            LocalApic.Write(LocalApic.TimerInitialCountRegister, 0);
        }

        /// <summary>Timer ticks covering <paramref name="nanoseconds"/>, rounded up, at least 1; 0 if uncalibrated.</summary>
        private static uint TicksFor(ulong nanoseconds)
        {
            ulong hz = FrequencyHz;
            if (hz == 0)
                return 0;
            // Whole seconds and the remainder separately, so the product cannot overflow for any span.
            ulong seconds = nanoseconds / 1_000_000_000UL;
            if (seconds > uint.MaxValue / hz)
                return uint.MaxValue;
            ulong ticks = seconds * hz + ((nanoseconds % 1_000_000_000UL) * hz + 999_999_999UL) / 1_000_000_000UL;
            if (ticks == 0)
                return 1;
            return ticks > uint.MaxValue ? uint.MaxValue : (uint)ticks;
        }

        /// <summary>The calling CPU's slot; CPUs without an index share slot 0 rather than writing out of bounds.</summary>
        private static int CurrentCpu
        {
            get
            {
                // GS, not the APIC id: every timer interrupt comes through here, and an APIC read is a device access.
                int cpu = ThisCpu.Index;
                return cpu < CpuLocals.MaxCpus ? cpu : 0;
            }
        }

        private static void OnTimer(ref InterruptFrame frame)
        {
            fixed (ulong* count = s_perCpu.Interrupts)
                count[CurrentCpu]++;
            delegate*<ref InterruptFrame, void> handler = s_handler;
            if (handler != null)
                handler(ref frame);
            LocalApic.EndOfInterrupt();
        }
    }
}
