// Kernel tests of the ACPI tables of this very boot (QEMU's pc machine: one I/O APIC, ISA IRQ0 -> GSI 2,
// PIIX4 PM timer and PM1 control, HPET at 0xFED00000, \_S5_ in the DSDT), checked against the hardware
// where it can answer (CPUID APIC id, APIC base MSR, a ticking PM timer), plus the parsers on a crafted
// image under the kernel's own compiler and corelib.
using MinimalOS.Kernel.Acpi;
using MinimalOS.Kernel.Arch.X86_64;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class AcpiTests
    {
        private const uint ApicBaseMsr = 0x1B;
        private const ulong ApicBaseAddressMask = 0x000F_FFFF_FFFF_F000;

        public static void Register(KernelTestList tests)
        {
            tests.Add("Acpi.LiveTablesParsedWithoutWarnings", &LiveTablesParsedWithoutWarnings);
            tests.Add("Acpi.MadtListsTheBootCpuEnabled", &MadtListsTheBootCpuEnabled);
            tests.Add("Acpi.MadtLocalApicAddressMatchesTheMsr", &MadtLocalApicAddressMatchesTheMsr);
            tests.Add("Acpi.MadtHasOneIoApicAtGsiZero", &MadtHasOneIoApicAtGsiZero);
            tests.Add("Acpi.MadtOverridesIsaTimerToGsi2", &MadtOverridesIsaTimerToGsi2);
            tests.Add("Acpi.FadtPmTimerTicks", &FadtPmTimerTicks);
            tests.Add("Acpi.FadtResetRegisterIsUsableIfClaimed", &FadtResetRegisterIsUsableIfClaimed);
            tests.Add("Acpi.HpetAtAPlausibleAddress", &HpetAtAPlausibleAddress);
            tests.Add("Acpi.S5FoundInTheDsdt", &S5FoundInTheDsdt);
            tests.Add("Acpi.CraftedBadChecksumSkippedInKernel", &CraftedBadChecksumSkippedInKernel);
        }

        private static AcpiTables Live()
        {
            AcpiTables tables = AcpiStartup.Tables;
            Expect.NotNull(tables, "ACPI tables parsed at start-up");
            return tables;
        }

        private static void LiveTablesParsedWithoutWarnings()
        {
            AcpiTables tables = Live();
            Expect.Equal(0, tables.Warnings.Count, "warnings from QEMU's tables");
            Expect.True(tables.Directory.Count >= 3, "at least FACP, APIC and HPET listed");
            Expect.True(tables.Directory.TryFind(AcpiSignature.Fadt, out _), "FACP listed");
            Expect.True(tables.Directory.TryFind(AcpiSignature.Madt, out _), "APIC listed");
        }

        private static void MadtListsTheBootCpuEnabled()
        {
            MadtInfo madt = Live().Madt;
            Expect.NotNull(madt, "MADT parsed");
            Expect.True(madt.EnabledProcessorCount >= 1, "at least one enabled CPU");
            Expect.Equal(0, madt.Processors[0].ApicId, "first CPU's APIC id");
            uint* registers = stackalloc uint[4];
            Cpu.CpuId(1, 0, registers);
            uint bootApicId = registers[1] >> 24;
            bool found = false;
            for (int i = 0; i < madt.Processors.Count; i++)
                found |= madt.Processors[i].ApicId == bootApicId && madt.Processors[i].Enabled;
            Expect.True(found, "the boot CPU's APIC id (CPUID) is listed and enabled");
        }

        private static void MadtLocalApicAddressMatchesTheMsr()
        {
            MadtInfo madt = Live().Madt;
            Expect.NotNull(madt, "MADT parsed");
            Expect.Equal(Cpu.ReadMsr(ApicBaseMsr) & ApicBaseAddressMask, madt.LocalApicAddress.Value, "local APIC address vs IA32_APIC_BASE");
            Expect.True(madt.HasLegacyPics, "PC/AT compatible PICs flagged");
        }

        private static void MadtHasOneIoApicAtGsiZero()
        {
            MadtInfo madt = Live().Madt;
            Expect.NotNull(madt, "MADT parsed");
            Expect.Equal(1, madt.IoApics.Count, "I/O APICs");
            Expect.Equal(0, madt.IoApics[0].GsiBase, "GSI base");
            Expect.Equal(0xFEC0_0000UL, madt.IoApics[0].Address.Value, "I/O APIC address");
        }

        private static void MadtOverridesIsaTimerToGsi2()
        {
            MadtInfo madt = Live().Madt;
            Expect.NotNull(madt, "MADT parsed");
            Expect.True(madt.TryFindIsaOverride(0, out MadtInterruptOverride timer), "ISA IRQ0 override");
            Expect.Equal(2, timer.Gsi, "IRQ0 GSI");
            Expect.True(madt.TryFindIsaOverride(9, out MadtInterruptOverride sci), "ISA IRQ9 (SCI) override");
            Expect.True(sci.Trigger == InterruptTrigger.Level, "SCI is level-triggered");
        }

        private static void FadtPmTimerTicks()
        {
            FadtInfo fadt = Live().Fadt;
            Expect.NotNull(fadt, "FADT parsed");
            Expect.True(fadt.HasPmTimer, "PM timer present");
            Expect.True(fadt.PmTimer.Space == GenericAddressSpace.SystemIo, "PM timer in I/O space");
            Expect.True(fadt.Pm1aControl.IsPresent, "PM1a control block present");
            Expect.Equal(9, fadt.SciInterrupt, "SCI interrupt");
            Expect.True(GenericAddressIo.TryRead(fadt.PmTimer, 32, out uint first), "PM timer readable");
            ulong deadline = TscClock.Nanoseconds() + 1_000_000;
            while (TscClock.Nanoseconds() < deadline)
                Cpu.Pause();
            Expect.True(GenericAddressIo.TryRead(fadt.PmTimer, 32, out uint second), "PM timer readable again");
            Expect.True(first != second, "PM timer advanced over 1 ms");
        }

        /// <summary>QEMU's pc machine has an ACPI 1.0 FADT without a reset register (reboot then uses the
        /// keyboard controller); when a reset register is claimed it must be one Power can write.</summary>
        private static void FadtResetRegisterIsUsableIfClaimed()
        {
            FadtInfo fadt = Live().Fadt;
            Expect.NotNull(fadt, "FADT parsed");
            if (!fadt.ResetSupported)
            {
                Expect.True(fadt.Length < 129 || (fadt.Flags & FadtInfo.FlagResetRegisterSupported) == 0 || !fadt.ResetRegister.IsPresent, "no reset register only when the FADT gives none");
                return;
            }
            Expect.True(fadt.ResetRegister.Space == GenericAddressSpace.SystemIo || fadt.ResetRegister.Space == GenericAddressSpace.SystemMemory
                || fadt.ResetRegister.Space == GenericAddressSpace.PciConfiguration, "reset register in a writable space");
        }

        private static void HpetAtAPlausibleAddress()
        {
            HpetInfo hpet = Live().Hpet;
            Expect.NotNull(hpet, "HPET table parsed");
            Expect.True(hpet.BaseAddress.Space == GenericAddressSpace.SystemMemory, "HPET in memory space");
            Expect.Equal(0xFED0_0000UL, hpet.BaseAddress.Address, "HPET base address");
            Expect.True(hpet.ComparatorCount >= 3, "at least 3 comparators");
        }

        private static void S5FoundInTheDsdt()
        {
            AcpiTables tables = Live();
            Expect.True(tables.HasS5, "\\_S5_ package found");
            Expect.True(tables.S5.TypeA <= 7 && tables.S5.TypeB <= 7, "SLP_TYP values are 3-bit");
        }

        private static void CraftedBadChecksumSkippedInKernel()
        {
            const ulong Base = 0x6000_0000;
            var image = new byte[256];
            ByteImageMemory.PutAscii(image, 0, "RSDT");
            ByteImageMemory.PutU32(image, 4, 44);
            ByteImageMemory.PutU32(image, 36, (uint)Base + 64);
            ByteImageMemory.PutU32(image, 40, (uint)Base + 128);
            ByteImageMemory.PutAscii(image, 64, "APIC");
            ByteImageMemory.PutU32(image, 68, 52);
            ByteImageMemory.PutU32(image, 100, 0xFEE0_0000);
            image[108] = 0;
            image[109] = 8;
            image[110] = 0;
            image[111] = 5;
            image[112] = 1;
            ByteImageMemory.PutAscii(image, 128, "HPET");
            ByteImageMemory.PutU32(image, 132, 56);
            FixChecksum(image, 0, 44);
            FixChecksum(image, 64, 52);
            FixChecksum(image, 128, 56);
            image[180] ^= 1;
            var rsdp = new Boot.RsdpInfo(new Memory.PhysicalAddress(0xE0000), Boot.RsdpSource.BiosAreaScan, 0, (uint)Base, 0, false);

            AcpiTables tables = AcpiTablesParser.Parse(rsdp, new ByteImageMemory(image, Base));

            Expect.Equal(1, tables.Directory.Count, "only the valid table listed");
            Expect.NotNull(tables.Madt, "MADT parsed");
            Expect.Equal(5, tables.Madt.Processors[0].ApicId, "crafted APIC id");
            Expect.Null(tables.Hpet, "HPET with a bad checksum not parsed");
            Expect.True(tables.Warnings.Contains(AcpiWarningCode.BadChecksum), "bad checksum reported");
        }

        private static void FixChecksum(byte[] image, int offset, int length)
        {
            byte sum = 0;
            image[offset + 9] = 0;
            for (int i = 0; i < length; i++)
                sum += image[offset + i];
            image[offset + 9] = (byte)(0 - sum);
        }
    }
}
