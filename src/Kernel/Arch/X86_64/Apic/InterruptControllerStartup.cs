// Brings up the boot CPU's interrupt controllers and clocks in their required order: legacy PICs out of
// the way, local APIC on, HPET counter running (and the TSC re-measured against it), LAPIC timer calibrated, I/O APICs masked and ready for
// routes, then the wall-clock time read from the RTC. It does not enable interrupts: KernelMain does once
// everything is set up. Must never run twice on one CPU (vectors would be registered twice).
using MinimalOS.Kernel.Acpi;
using MinimalOS.Kernel.Arch.X86_64.Interrupts;
using MinimalOS.Kernel.Devices;
using MinimalOS.Kernel.Logging;

namespace MinimalOS.Kernel.Arch.X86_64.Apic
{
    internal static class InterruptControllerStartup
    {
        private const uint TscHpetCalibrationMilliseconds = 20;

        public static void StartBootCpu(AcpiTables tables)
        {
            LegacyPic.RemapAndMaskAll();
            Log.Info("interrupts", $"legacy PICs remapped to vectors 0x20-0x2f and masked");
            bool invariant = LocalApicTimer.InvariantTsc;
            Log.Info("time", $"{(invariant ? "invariant TSC: usable as a clock in every power state" : "TSC not invariant: it may stop or change rate in deep sleep states; timekeeping must resynchronise with the HPET/LAPIC timer there")}");
            if (!LocalApic.InitializeThisCpu(0))
                return;
            if (Hpet.Initialize(tables?.Hpet))
            {
                ulong before = TscClock.FrequencyHz;
                string beforeSource = TscClock.SourceName;
                if (TscClock.Refine(Hpet.MeasureTscHz(TscHpetCalibrationMilliseconds), TscSource.Hpet))
                    Log.Info("time", $"TSC at {TscClock.FrequencyHz / 1000} kHz measured against the HPET over {TscHpetCalibrationMilliseconds} ms (was {before / 1000} kHz {beforeSource})");
            }
            LocalApicTimer.CalibrateThisCpu();
            InterruptRouting.Initialize(tables?.Madt);
            CmosRtc.LogBootTime(tables?.Fadt is null ? (byte)0 : tables.Fadt.CenturyRegister);
        }
    }
}
