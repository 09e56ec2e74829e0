// Turns raw CMOS RTC registers into a WallClockTime: BCD or binary per status B bit 2, 12-hour clock with
// the PM flag in bit 7 of the hour when status B bit 1 is clear, the century from the FADT's century
// register or, without one, 20xx. Rejects out-of-range fields (a broken or absent RTC reads as 0xFF) with
// a reason instead of producing a nonsense date. Portable: it must never touch hardware.
namespace MinimalOS.Kernel.Time
{
    public static class CmosTimeDecoder
    {
        public const byte StatusB24Hour = 0x02;
        public const byte StatusBBinary = 0x04;
        private const byte HourPmFlag = 0x80;
        private const int DefaultCentury = 20;

        public static bool TryDecode(in CmosTimeRegisters raw, out WallClockTime time, out string error)
        {
            time = default;
            bool binary = (raw.StatusB & StatusBBinary) != 0;
            bool twentyFourHour = (raw.StatusB & StatusB24Hour) != 0;
            bool pm = !twentyFourHour && (raw.Hours & HourPmFlag) != 0;
            byte hourBits = twentyFourHour ? raw.Hours : (byte)(raw.Hours & ~HourPmFlag);
            if (!TryValue(raw.Seconds, binary, out int second) || !TryValue(raw.Minutes, binary, out int minute)
                || !TryValue(hourBits, binary, out int hour) || !TryValue(raw.DayOfMonth, binary, out int day)
                || !TryValue(raw.Month, binary, out int month) || !TryValue(raw.Year, binary, out int yearInCentury))
            {
                error = "a register holds an invalid BCD digit";
                return false;
            }
            int century = DefaultCentury;
            if (raw.HasCentury && !TryValue(raw.Century, binary, out century))
            {
                error = "the century register holds an invalid BCD digit";
                return false;
            }
            if (!twentyFourHour)
            {
                if (hour < 1 || hour > 12)
                {
                    error = "12-hour clock hour out of range";
                    return false;
                }
                // 12 AM is midnight (0), 12 PM is noon (12).
                hour %= 12;
                if (pm)
                    hour += 12;
            }
            if (second > 59 || minute > 59 || hour > 23 || month < 1 || month > 12 || yearInCentury > 99 || century > 99)
            {
                error = "a field is out of range";
                return false;
            }
            int year = century * 100 + yearInCentury;
            if (day < 1 || day > DaysInMonth(year, month))
            {
                error = "day of month out of range";
                return false;
            }
            time = new WallClockTime(year, month, day, hour, minute, second);
            error = null;
            return true;
        }

        public static int DaysInMonth(int year, int month)
        {
            if (month == 2)
                return IsLeapYear(year) ? 29 : 28;
            return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
        }

        public static bool IsLeapYear(int year) => (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

        private static bool TryValue(byte raw, bool binary, out int value)
        {
            if (binary)
            {
                value = raw;
                return true;
            }
            int high = raw >> 4;
            int low = raw & 0xF;
            value = high * 10 + low;
            return high <= 9 && low <= 9;
        }
    }
}
