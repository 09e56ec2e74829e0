// Logs the ACPI summary: the tables found, then MADT (local APIC, CPUs, I/O APICs, overrides, NMIs), FADT
// (reset register, PM timer, PM1 control, SCI, \_S5_), HPET, MCFG and every warning. Only reads AcpiTables;
// allocation-free like all logging.
using System;
using MinimalOS.Kernel.Logging;

namespace MinimalOS.Kernel.Acpi
{
    public static class AcpiLog
    {
        private const string Subsystem = "acpi";

        public static void Write(AcpiTables tables)
        {
            WriteDirectory(tables.Directory);
            if (tables.Madt is not null)
                WriteMadt(tables.Madt);
            else
                Log.Warn(Subsystem, $"no usable MADT: no APIC information");
            if (tables.Fadt is not null)
                WriteFadt(tables);
            else
                Log.Warn(Subsystem, $"no usable FADT: no reset register, PM timer or ACPI power-off");
            if (tables.Hpet is not null)
            {
                HpetInfo hpet = tables.Hpet;
                Log.Info(Subsystem, $"HPET at {SpaceName(hpet.BaseAddress.Space)} 0x{hpet.BaseAddress.Address:x}: {hpet.ComparatorCount} comparators, {(hpet.CounterIs64Bit ? 64 : 32)}-bit counter, minimum tick {hpet.MinimumTick}, revision {hpet.HardwareRevision}, PCI vendor 0x{hpet.PciVendorId:x4}");
            }
            for (int i = 0; i < tables.PciExpressAllocations.Count; i++)
            {
                McfgAllocation a = tables.PciExpressAllocations[i];
                Log.Info(Subsystem, $"PCI Express configuration: segment {a.Segment} buses {a.StartBus}-{a.EndBus} at 0x{a.BaseAddress.Value:x}");
            }
            WriteWarnings(tables.Warnings);
        }

        private static void WriteDirectory(AcpiTableDirectory directory)
        {
            Span<char> name = stackalloc char[4];
            if (directory.RootSignature == 0)
            {
                Log.Error(Subsystem, $"no usable root table (XSDT or RSDT): ACPI tables unavailable");
                return;
            }
            Log.Info(Subsystem, $"{AcpiSignature.Format(directory.RootSignature, name)} at 0x{directory.RootAddress.Value:x} lists {directory.Count} valid tables");
            for (int i = 0; i < directory.Count; i++)
            {
                AcpiTableEntry entry = directory[i];
                Log.Info(Subsystem, $"  {AcpiSignature.Format(entry.Signature, name)} at 0x{entry.Address.Value:x}, {entry.Length} bytes, revision {entry.Revision}");
            }
        }

        private static void WriteMadt(MadtInfo madt)
        {
            Log.Info(Subsystem, $"MADT: local APIC at 0x{madt.LocalApicAddress.Value:x}{(madt.LocalApicAddressOverridden ? " (64-bit override)" : "")}, legacy PICs {(madt.HasLegacyPics ? "present" : "absent")}, {madt.EnabledProcessorCount} of {madt.Processors.Count} CPUs enabled");
            for (int i = 0; i < madt.Processors.Count; i++)
            {
                MadtProcessor cpu = madt.Processors[i];
                Log.Info(Subsystem, $"  CPU: APIC id {cpu.ApicId}, ACPI id {cpu.AcpiProcessorId}{(cpu.IsX2Apic ? " (x2APIC)" : "")}, {(cpu.Enabled ? "enabled" : cpu.OnlineCapable ? "online-capable" : "disabled")}");
            }
            for (int i = 0; i < madt.IoApics.Count; i++)
            {
                MadtIoApic ioApic = madt.IoApics[i];
                Log.Info(Subsystem, $"  I/O APIC id {ioApic.Id} at 0x{ioApic.Address.Value:x}, GSI base {ioApic.GsiBase}");
            }
            for (int i = 0; i < madt.Overrides.Count; i++)
            {
                MadtInterruptOverride o = madt.Overrides[i];
                Log.Info(Subsystem, $"  override: bus {o.Bus} IRQ {o.SourceIrq} -> GSI {o.Gsi}, {PolarityName(o.Polarity)}, {TriggerName(o.Trigger)}");
            }
            for (int i = 0; i < madt.NmiSources.Count; i++)
            {
                MadtNmiSource n = madt.NmiSources[i];
                Log.Info(Subsystem, $"  NMI source: GSI {n.Gsi}, {PolarityName(n.Polarity)}, {TriggerName(n.Trigger)}");
            }
            for (int i = 0; i < madt.LocalApicNmis.Count; i++)
            {
                MadtLocalApicNmi n = madt.LocalApicNmis[i];
                if (n.AllProcessors)
                    Log.Info(Subsystem, $"  local APIC NMI: all CPUs, LINT{n.Lint}, {PolarityName(n.Polarity)}, {TriggerName(n.Trigger)}");
                else
                    Log.Info(Subsystem, $"  local APIC NMI: ACPI id {n.AcpiProcessorId}, LINT{n.Lint}, {PolarityName(n.Polarity)}, {TriggerName(n.Trigger)}");
            }
            if (madt.UnknownEntries != 0)
                Log.Debug(Subsystem, $"  {madt.UnknownEntries} MADT entries of types not used here");
        }

        private static void WriteFadt(AcpiTables tables)
        {
            FadtInfo fadt = tables.Fadt;
            Log.Info(Subsystem, $"FADT revision {fadt.Revision}, {fadt.Length} bytes, SCI IRQ {fadt.SciInterrupt}{(fadt.HardwareReduced ? ", hardware-reduced ACPI" : "")}, DSDT at 0x{fadt.Dsdt.Value:x}");
            if (fadt.ResetSupported)
                Log.Info(Subsystem, $"  reset register: {SpaceName(fadt.ResetRegister.Space)} 0x{fadt.ResetRegister.Address:x} ({fadt.ResetRegister.BitWidth} bits), value 0x{fadt.ResetValue:x2}");
            else
                Log.Info(Subsystem, $"  no reset register");
            if (fadt.HasPmTimer)
                Log.Info(Subsystem, $"  PM timer: {SpaceName(fadt.PmTimer.Space)} 0x{fadt.PmTimer.Address:x}, {(fadt.PmTimerIs32Bit ? 32 : 24)} bits");
            else
                Log.Info(Subsystem, $"  no PM timer");
            Log.Info(Subsystem, $"  PM1a control: {SpaceName(fadt.Pm1aControl.Space)} 0x{fadt.Pm1aControl.Address:x}, SMI command port 0x{fadt.SmiCommandPort:x}");
            if (fadt.Pm1bControl.IsPresent)
                Log.Info(Subsystem, $"  PM1b control: {SpaceName(fadt.Pm1bControl.Space)} 0x{fadt.Pm1bControl.Address:x}");
            if (tables.HasS5)
                Log.Info(Subsystem, $"  \\_S5_: SLP_TYPa {tables.S5.TypeA}, SLP_TYPb {tables.S5.TypeB}");
        }

        private static void WriteWarnings(AcpiWarnings warnings)
        {
            Span<char> name = stackalloc char[4];
            for (int i = 0; i < warnings.Count; i++)
            {
                AcpiWarning w = warnings[i];
                switch (w.Code)
                {
                    case AcpiWarningCode.BadChecksum:
                    case AcpiWarningCode.DuplicateTable:
                    case AcpiWarningCode.WrongSignature:
                        Log.Warn(Subsystem, $"{WarningText(w.Code)}: {AcpiSignature.Format((uint)w.B, name)} at 0x{w.A:x}");
                        break;
                    case AcpiWarningCode.TableTooShort:
                    case AcpiWarningCode.BadEntryLength:
                    case AcpiWarningCode.TooManyEntries:
                        Log.Warn(Subsystem, $"{WarningText(w.Code)}: {AcpiSignature.Format((uint)w.A, name)}, {w.B}");
                        break;
                    default:
                        Log.Warn(Subsystem, $"{WarningText(w.Code)} (0x{w.A:x}, {w.B})");
                        break;
                }
            }
            if (warnings.Dropped != 0)
                Log.Warn(Subsystem, $"{warnings.Dropped} more ACPI warnings not recorded");
        }

        public static string WarningText(AcpiWarningCode code) => code switch
        {
            AcpiWarningCode.NoRootTable => "no usable XSDT or RSDT",
            AcpiWarningCode.XsdtUnusableUsingRsdt => "XSDT unusable, using the RSDT",
            AcpiWarningCode.HeaderUnreadable => "table header unreadable, table skipped (address)",
            AcpiWarningCode.BadLength => "table length out of range, table skipped (address, length)",
            AcpiWarningCode.Truncated => "table not readable in full, table skipped (address, length)",
            AcpiWarningCode.BadChecksum => "bad checksum, table skipped",
            AcpiWarningCode.WrongSignature => "unexpected signature, table skipped",
            AcpiWarningCode.DuplicateTable => "duplicate table ignored",
            AcpiWarningCode.TooManyTables => "too many tables, the rest ignored (listed)",
            AcpiWarningCode.RootTableRagged => "root table length not a whole number of entries (address, length)",
            AcpiWarningCode.TableTooShort => "table too short for its fixed fields, ignored (length)",
            AcpiWarningCode.BadEntryLength => "entry with a bad length, rest of the table ignored (offset)",
            AcpiWarningCode.EntryTooShort => "entry too short for its type, skipped (type, length)",
            AcpiWarningCode.TooManyEntries => "too many entries, the rest dropped (entry type)",
            AcpiWarningCode.BadBusRange => "MCFG allocation with end bus before start bus, skipped (start, end)",
            AcpiWarningCode.DsdtUnusable => "DSDT unusable: no \\_S5_, no ACPI power-off (address)",
            AcpiWarningCode.S5NotFound => "no \\_S5_ package in the DSDT: no ACPI power-off",
            _ => "ACPI warning",
        };

        public static string PolarityName(InterruptPolarity polarity) => polarity switch
        {
            InterruptPolarity.ConformsToBus => "bus polarity",
            InterruptPolarity.ActiveHigh => "active high",
            InterruptPolarity.ActiveLow => "active low",
            _ => "reserved polarity",
        };

        public static string TriggerName(InterruptTrigger trigger) => trigger switch
        {
            InterruptTrigger.ConformsToBus => "bus trigger",
            InterruptTrigger.Edge => "edge",
            InterruptTrigger.Level => "level",
            _ => "reserved trigger",
        };

        public static string SpaceName(GenericAddressSpace space) => space switch
        {
            GenericAddressSpace.SystemMemory => "memory",
            GenericAddressSpace.SystemIo => "I/O port",
            GenericAddressSpace.PciConfiguration => "PCI configuration",
            _ => "unsupported space",
        };
    }
}
