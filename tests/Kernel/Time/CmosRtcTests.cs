// Kernel test of the CMOS RTC as QEMU presents it: the date read the same way as at boot is plausible
// (QEMU starts the RTC at the host's time, so the year is at least 2024, when this code was written).
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Devices;
using MinimalOS.Kernel.Time;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class CmosRtcTests
    {
        public static void Register(KernelTestList tests)
        {
            tests.Add("CmosRtc.DateIsPlausible", &DateIsPlausible);
        }

        private static void DateIsPlausible()
        {
            byte century = AcpiStartup.Tables?.Fadt is null ? (byte)0 : AcpiStartup.Tables.Fadt.CenturyRegister;
            Expect.True(CmosRtc.TryRead(century, out WallClockTime time, out string error), $"the RTC answers ({error})");
            Expect.True(time.Year >= 2024 && time.Year < 2100, $"plausible year {time.Year}");
            Expect.True(time.Month >= 1 && time.Month <= 12, "a month");
            Expect.True(time.Day >= 1 && time.Day <= 31, "a day");
        }
    }
}
