// What the FADT ("FACP") says about fixed ACPI hardware: the reset register, the PM timer, the PM1 control
// blocks used for sleep/power-off, the SCI, the way into ACPI mode, and where the DSDT is. Fields that the
// table was too short (or too old) to carry read as absent. Filled only by FadtParser.
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Acpi
{
    public sealed class FadtInfo
    {
        public const uint FlagTimerValueExtended = 1u << 8;
        public const uint FlagResetRegisterSupported = 1u << 10;
        public const uint FlagHardwareReduced = 1u << 20;

        public byte Revision { get; internal set; }
        public uint Length { get; internal set; }
        public uint Flags { get; internal set; }

        /// <summary>HW_REDUCED_ACPI: no PM1/PM timer/SCI fixed hardware; power-off needs the sleep registers instead.</summary>
        public bool HardwareReduced => (Flags & FlagHardwareReduced) != 0;

        /// <summary>The system control interrupt (an ISA IRQ / GSI number).</summary>
        public ushort SciInterrupt { get; internal set; }

        /// <summary>The port to write AcpiEnableValue to for switching from legacy to ACPI mode; 0 = always in ACPI mode.</summary>
        public uint SmiCommandPort { get; internal set; }
        public byte AcpiEnableValue { get; internal set; }

        public GenericAddress Pm1aControl { get; internal set; }
        public GenericAddress Pm1bControl { get; internal set; }

        /// <summary>The ACPI power management timer (3.579545 MHz), absent when its address is 0.</summary>
        public GenericAddress PmTimer { get; internal set; }
        public bool HasPmTimer => PmTimer.IsPresent && !HardwareReduced;

        /// <summary>TMR_VAL_EXT: the PM timer counts 32 bits, otherwise 24.</summary>
        public bool PmTimerIs32Bit => (Flags & FlagTimerValueExtended) != 0;

        /// <summary>The CMOS RTC register holding the century (BCD or binary like the others); 0 when there is none.</summary>
        public byte CenturyRegister { get; internal set; }

        public GenericAddress ResetRegister { get; internal set; }
        public byte ResetValue { get; internal set; }

        /// <summary>RESET_REG_SUP set, the table long enough to hold the register, and the register present.</summary>
        public bool ResetSupported => (Flags & FlagResetRegisterSupported) != 0 && Length >= FadtParser.ResetFieldsEnd && ResetRegister.IsPresent;

        /// <summary>X_DSDT when present, otherwise the 32-bit DSDT field; 0 when neither is set.</summary>
        public PhysicalAddress Dsdt { get; internal set; }
    }
}
