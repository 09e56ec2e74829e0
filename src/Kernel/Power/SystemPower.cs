// Turning the machine off and restarting it. Power-off: ACPI S5 (SLP_TYP from the DSDT's \_S5_ with
// SLP_EN written to PM1a/PM1b control), falling back to QEMU's isa-debug-exit, then halting. Reboot: the
// FADT reset register, then the keyboard controller's reset line, then a triple fault. Each step that does
// not take effect is logged before the next is tried; neither method ever returns. The ACPI policy lives
// here; the PC-only resets (keyboard controller, triple fault) are Arch/X86_64/LegacyReset.
using MinimalOS.Kernel.Acpi;
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Devices;
using MinimalOS.Kernel.Logging;

namespace MinimalOS.Kernel.Power
{
    internal static class SystemPower
    {
        private const string Subsystem = "power";

        private const uint SciEnable = 1;
        private const int SleepTypeShift = 10;
        private const uint SleepTypeMask = 7u << SleepTypeShift;
        private const uint SleepEnable = 1u << 13;

        /// <summary>How long each method gets to take effect before the next one is tried.</summary>
        private const ulong SettleNanoseconds = 100_000_000;

        /// <summary>How long to wait for the firmware to hand over to ACPI mode.</summary>
        private const ulong AcpiEnableTimeoutNanoseconds = 1_000_000_000;

        public static void Off()
        {
            Cpu.DisableInterrupts();
            AcpiTables tables = AcpiStartup.Tables;
            if (TryAcpiSoftOff(tables))
            {
                Wait(SettleNanoseconds);
                Log.Error(Subsystem, $"ACPI S5 written but the machine is still running");
            }
            Log.Warn(Subsystem, $"trying QEMU's isa-debug-exit (port 0xf4) instead of ACPI power-off");
            QemuDebugExit.Exit(QemuDebugExit.Success);
            Log.Error(Subsystem, $"could not power off: halting");
            Cpu.HaltForever();
        }

        public static void Reboot()
        {
            Cpu.DisableInterrupts();
            FadtInfo fadt = AcpiStartup.Tables?.Fadt;
            if (fadt is not null && fadt.ResetSupported)
            {
                Log.Info(Subsystem, $"rebooting through the ACPI reset register");
                if (GenericAddressIo.TryWrite(fadt.ResetRegister, fadt.ResetValue, 8))
                    Wait(SettleNanoseconds);
                Log.Warn(Subsystem, $"the ACPI reset register did not reset the machine");
            }
            Log.Info(Subsystem, $"rebooting through the keyboard controller");
            LegacyReset.PulseKeyboardControllerReset(SettleNanoseconds);
            Wait(SettleNanoseconds);
            Log.Warn(Subsystem, $"the keyboard controller did not reset the machine: triple fault");
            LegacyReset.TripleFault();
            Cpu.HaltForever();
        }

        private static bool TryAcpiSoftOff(AcpiTables tables)
        {
            FadtInfo fadt = tables?.Fadt;
            if (fadt is null || !tables.HasS5)
            {
                Log.Warn(Subsystem, $"no ACPI power-off: {(tables is null ? "no ACPI tables" : fadt is null ? "no FADT" : "no \\_S5_ package in the DSDT")}");
                return false;
            }
            if (fadt.HardwareReduced || !fadt.Pm1aControl.IsPresent)
            {
                Log.Warn(Subsystem, $"no ACPI power-off: no PM1a control block (hardware-reduced ACPI is not supported)");
                return false;
            }
            EnterAcpiMode(fadt);
            Log.Info(Subsystem, $"powering off: ACPI S5 (SLP_TYPa {tables.S5.TypeA}, SLP_TYPb {tables.S5.TypeB})");
            if (fadt.Pm1bControl.IsPresent)
                WriteSleep(fadt.Pm1bControl, tables.S5.TypeB);
            return WriteSleep(fadt.Pm1aControl, tables.S5.TypeA);
        }

        /// <summary>Firmware that starts in legacy mode ignores SLP_EN until the OS asks for ACPI mode through
        /// the SMI command port; wait (bounded) until it reports SCI_EN.</summary>
        private static void EnterAcpiMode(FadtInfo fadt)
        {
            if (!GenericAddressIo.TryRead(fadt.Pm1aControl, 16, out uint control) || (control & SciEnable) != 0)
                return;
            if (fadt.SmiCommandPort == 0 || fadt.AcpiEnableValue == 0 || fadt.SmiCommandPort > 0xFFFF)
                return;
            Cpu.OutByte((ushort)fadt.SmiCommandPort, fadt.AcpiEnableValue);
            ulong deadline = TscClock.Nanoseconds() + AcpiEnableTimeoutNanoseconds;
            while (TscClock.Nanoseconds() < deadline)
            {
                if (GenericAddressIo.TryRead(fadt.Pm1aControl, 16, out control) && (control & SciEnable) != 0)
                    return;
                Cpu.Pause();
            }
            Log.Warn(Subsystem, $"the firmware did not enter ACPI mode; trying S5 anyway");
        }

        private static bool WriteSleep(GenericAddress control, byte sleepType)
        {
            GenericAddressIo.TryRead(control, 16, out uint value);
            value = (value & ~(SleepTypeMask | SleepEnable)) | (uint)sleepType << SleepTypeShift;
            // SLP_TYP first, then SLP_EN with it: some chipsets latch the type only on a separate write.
            return GenericAddressIo.TryWrite(control, value, 16) && GenericAddressIo.TryWrite(control, value | SleepEnable, 16);
        }

        private static void Wait(ulong nanoseconds)
        {
            ulong deadline = TscClock.Nanoseconds() + nanoseconds;
            while (TscClock.Nanoseconds() < deadline)
                Cpu.Pause();
        }
    }
}
