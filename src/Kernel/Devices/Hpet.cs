// The HPET's main counter as a reference clock: mapped from the address in the ACPI HPET table, its period
// read from the capabilities register, and the counter enabled (legacy replacement off, comparators left
// alone). Used to calibrate the local APIC timer and to check other clocks; the kernel does not take HPET
// interrupts. Must never be read before Initialize returned true.
using MinimalOS.Kernel.Acpi;
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Devices
{
    internal static unsafe class Hpet
    {
        private const uint CapabilitiesRegister = 0x000;
        private const uint ConfigurationRegister = 0x010;
        private const uint MainCounterRegister = 0x0F0;
        private const ulong EnableCounter = 1;
        private const ulong LegacyReplacement = 2;
        private const ulong Counter64BitCapable = 1UL << 13;
        // The specification caps the period at 100 ns; 0 or more means the registers are not an HPET.
        private const ulong MaximumPeriodFs = 100_000_000;
        private const ulong RegisterBlockSize = 1024;

        private static volatile byte* s_registers;
        private static bool s_counter64;

        public static bool IsAvailable { get; private set; }

        /// <summary>Femtoseconds per main counter tick.</summary>
        public static ulong PeriodFemtoseconds { get; private set; }

        public static ulong FrequencyHz => PeriodFemtoseconds == 0 ? 0 : 1_000_000_000_000_000UL / PeriodFemtoseconds;

        /// <summary>Maps and starts the HPET described by <paramref name="info"/>; false (logged) without a usable one.</summary>
        public static bool Initialize(HpetInfo info)
        {
            if (info is null || !info.BaseAddress.IsPresent || info.BaseAddress.Space != GenericAddressSpace.SystemMemory)
            {
                Log.Info("hpet", $"no HPET in the ACPI tables: calibration falls back to the TSC");
                return false;
            }
            s_registers = MmioWindow.Map(new PhysicalAddress(info.BaseAddress.Address), RegisterBlockSize, "HPET");
            if (s_registers == null)
                return false;
            ulong capabilities = Read64(CapabilitiesRegister);
            ulong period = capabilities >> 32;
            if (period == 0 || period > MaximumPeriodFs)
            {
                Log.Warn("hpet", $"HPET at 0x{info.BaseAddress.Address:x} reports period {period} fs: ignored");
                return false;
            }
            PeriodFemtoseconds = period;
            s_counter64 = (capabilities & Counter64BitCapable) != 0;
            ulong configuration = Read64(ConfigurationRegister);
            Write64(ConfigurationRegister, (configuration & ~LegacyReplacement) | EnableCounter);
            ulong first = ReadCounter();
            ulong second = first;
            for (int i = 0; i < 1_000_000 && second == first; i++)
                second = ReadCounter();
            if (second == first)
            {
                Log.Warn("hpet", $"HPET main counter does not advance: ignored");
                return false;
            }
            IsAvailable = true;
            Log.Info("hpet", $"HPET at 0x{info.BaseAddress.Address:x}: {FrequencyHz} Hz, {(s_counter64 ? 64 : 32)}-bit counter, {info.ComparatorCount} comparators");
            return true;
        }

        /// <summary>The main counter (32-bit counters wrap every ~5 minutes at 14 MHz: callers measure short spans).</summary>
        public static ulong ReadCounter() => s_counter64 ? Read64(MainCounterRegister) : *(uint*)(s_registers + MainCounterRegister);

        /// <summary>Counter ticks between two readings, allowing one wrap of a 32-bit counter.</summary>
        public static ulong TicksBetween(ulong start, ulong end) => s_counter64 ? end - start : (uint)((uint)end - (uint)start);

        public static ulong TicksToNanoseconds(ulong ticks) => ticks * (PeriodFemtoseconds / 1000) / 1000;

        /// <summary>
        /// The TSC frequency measured over <paramref name="milliseconds"/> of HPET time (0 without an HPET). Each
        /// end of the window is an HPET reading bracketed by two TSC readings, the narrowest of a few tries,
        /// its TSC taken at the bracket's middle: an HPET read is slow (a device access, emulated under QEMU)
        /// and the CPU may be delayed around it, which would otherwise skew a window of a few milliseconds.
        /// </summary>
        public static ulong MeasureTscHz(uint milliseconds)
        {
            if (!IsAvailable || milliseconds == 0)
                return 0;
            ulong wanted = FrequencyHz * milliseconds / 1000;
            ReadBracketed(out ulong start, out ulong tscStart);
            ulong now = start;
            while (TicksBetween(start, now) < wanted)
                now = ReadCounter();
            ReadBracketed(out now, out ulong tscEnd);
            ulong elapsedNs = TicksToNanoseconds(TicksBetween(start, now));
            return elapsedNs < 1000 ? 0 : (tscEnd - tscStart) * 1_000_000UL / (elapsedNs / 1000);
        }

        private const int BracketTries = 8;

        private static void ReadBracketed(out ulong counter, out ulong tsc)
        {
            ulong narrowest = ulong.MaxValue;
            counter = 0;
            tsc = 0;
            for (int i = 0; i < BracketTries; i++)
            {
                ulong before = Cpu.ReadTimestampCounter();
                ulong value = ReadCounter();
                ulong after = Cpu.ReadTimestampCounter();
                if (after - before < narrowest)
                {
                    narrowest = after - before;
                    counter = value;
                    tsc = before + (after - before) / 2;
                }
            }
        }

        private static ulong Read64(uint offset) => *(ulong*)(s_registers + offset);

        private static void Write64(uint offset, ulong value) => *(ulong*)(s_registers + offset) = value;
    }
}
