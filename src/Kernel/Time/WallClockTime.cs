// A calendar date and time of day (UTC as the RTC keeps it, by PC convention possibly local time: the
// kernel has no time zone and does not guess). A plain value: it must never be read from hardware here.
namespace MinimalOS.Kernel.Time
{
    public readonly struct WallClockTime
    {
        public WallClockTime(int year, int month, int day, int hour, int minute, int second)
        {
            Year = year;
            Month = month;
            Day = day;
            Hour = hour;
            Minute = minute;
            Second = second;
        }

        public int Year { get; }
        public int Month { get; }
        public int Day { get; }
        public int Hour { get; }
        public int Minute { get; }
        public int Second { get; }
    }
}
