// Reads the CMOS real-time clock once at boot: waits (bounded) for no update in progress, reads all time
// registers, and repeats until two reads agree, so a rollover mid-read cannot give a torn time. Decoding
// is CmosTimeDecoder's (portable, host-tested). Leaves the NMI-disable bit of port 0x70 clear; must never
// be called from an interrupt handler (it spins for up to a few milliseconds).
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.Time;

namespace MinimalOS.Kernel.Devices
{
    internal static class CmosRtc
    {
        private const ushort IndexPort = 0x70;
        private const ushort DataPort = 0x71;
        private const byte SecondsIndex = 0x00;
        private const byte MinutesIndex = 0x02;
        private const byte HoursIndex = 0x04;
        private const byte DayIndex = 0x07;
        private const byte MonthIndex = 0x08;
        private const byte YearIndex = 0x09;
        private const byte StatusAIndex = 0x0A;
        private const byte StatusBIndex = 0x0B;
        private const byte UpdateInProgress = 0x80;
        // An update lasts under 2 ms; a port read takes ~1 us, so this bounds the wait well above that.
        private const int UpdateWaitReads = 100_000;
        private const int ConsistentReadAttempts = 5;
        private const byte LastStandardRegister = 0x7F;

        /// <summary>The RTC's date and time; false (with the reason in <paramref name="error"/>) when it gives none.</summary>
        public static bool TryRead(byte centuryRegister, out WallClockTime time, out string error)
        {
            time = default;
            bool hasCentury = centuryRegister != 0 && centuryRegister <= LastStandardRegister;
            CmosTimeRegisters previous = default;
            for (int attempt = 0; attempt < ConsistentReadAttempts; attempt++)
            {
                if (!WaitForNoUpdate())
                {
                    error = "the RTC stays in update-in-progress";
                    return false;
                }
                CmosTimeRegisters current = ReadRegisters(centuryRegister, hasCentury);
                if (attempt > 0 && current.SameTimeAs(previous))
                    return CmosTimeDecoder.TryDecode(current, out time, out error);
                previous = current;
            }
            error = "the RTC never gave two equal readings in a row";
            return false;
        }

        /// <summary>Reads the RTC and logs the date and time (or why there is none).</summary>
        public static void LogBootTime(byte centuryRegister)
        {
            if (!TryRead(centuryRegister, out WallClockTime t, out string error))
            {
                Log.Warn("time", $"no wall-clock time: {error}");
                return;
            }
            Log.Info("time", $"RTC {t.Year}-{t.Month:d2}-{t.Day:d2} {t.Hour:d2}:{t.Minute:d2}:{t.Second:d2} ({(centuryRegister != 0 ? "century from the FADT's register" : "century assumed 20")})");
        }

        private static bool WaitForNoUpdate()
        {
            for (int i = 0; i < UpdateWaitReads; i++)
            {
                if ((Read(StatusAIndex) & UpdateInProgress) == 0)
                    return true;
            }
            return false;
        }

        private static CmosTimeRegisters ReadRegisters(byte centuryRegister, bool hasCentury) => new CmosTimeRegisters
        {
            Seconds = Read(SecondsIndex),
            Minutes = Read(MinutesIndex),
            Hours = Read(HoursIndex),
            DayOfMonth = Read(DayIndex),
            Month = Read(MonthIndex),
            Year = Read(YearIndex),
            Century = hasCentury ? Read(centuryRegister) : (byte)0,
            HasCentury = hasCentury,
            StatusB = Read(StatusBIndex),
        };

        private static byte Read(byte index)
        {
            Cpu.OutByte(IndexPort, index);
            return Cpu.InByte(DataPort);
        }
    }
}
