// Host tests of the CMOS RTC decoding: BCD and binary values, 24-hour and 12-hour clocks (midnight, noon,
// PM), the century register or the 20xx default, leap years, and rejected registers (bad BCD digits, an
// absent RTC reading 0xFF, impossible dates) with a reason.
using MinimalOS.Kernel.Time;
using Xunit;

namespace MinimalOS.Tests.Host.Time
{
    public class CmosTimeDecoderTests
    {
        private static CmosTimeRegisters Raw(byte statusB, byte year, byte month, byte day, byte hours, byte minutes, byte seconds) => new CmosTimeRegisters
        {
            StatusB = statusB,
            Year = year,
            Month = month,
            DayOfMonth = day,
            Hours = hours,
            Minutes = minutes,
            Seconds = seconds,
        };

        [Fact]
        public void Bcd24HourWithCentury()
        {
            CmosTimeRegisters raw = Raw(CmosTimeDecoder.StatusB24Hour, 0x26, 0x11, 0x21, 0x23, 0x59, 0x58);
            raw.Century = 0x20;
            raw.HasCentury = true;
            Assert.True(CmosTimeDecoder.TryDecode(raw, out WallClockTime t, out string error), error);
            Assert.Equal((2026, 11, 21, 23, 59, 58), (t.Year, t.Month, t.Day, t.Hour, t.Minute, t.Second));
        }

        [Fact]
        public void BinaryValues()
        {
            CmosTimeRegisters raw = Raw(CmosTimeDecoder.StatusB24Hour | CmosTimeDecoder.StatusBBinary, 24, 2, 29, 13, 5, 7);
            Assert.True(CmosTimeDecoder.TryDecode(raw, out WallClockTime t, out _));
            Assert.Equal((2024, 2, 29, 13, 5, 7), (t.Year, t.Month, t.Day, t.Hour, t.Minute, t.Second));
        }

        [Theory]
        [InlineData(0x12, 0)]        // 12 AM is midnight
        [InlineData(0x92, 12)]       // 12 PM is noon
        [InlineData(0x01, 1)]
        [InlineData(0x81, 13)]
        [InlineData(0x91, 23)]
        public void TwelveHourBcdClock(byte hours, int expected)
        {
            Assert.True(CmosTimeDecoder.TryDecode(Raw(0, 0x25, 0x01, 0x01, hours, 0, 0), out WallClockTime t, out _));
            Assert.Equal(expected, t.Hour);
        }

        [Fact]
        public void TwelveHourBinaryClockKeepsThePmFlagOutOfTheHour()
        {
            Assert.True(CmosTimeDecoder.TryDecode(Raw(CmosTimeDecoder.StatusBBinary, 25, 6, 1, 0x80 | 11, 0, 0), out WallClockTime t, out _));
            Assert.Equal(23, t.Hour);
        }

        [Fact]
        public void WithoutCenturyRegisterTheYearIs20xx()
        {
            Assert.True(CmosTimeDecoder.TryDecode(Raw(CmosTimeDecoder.StatusB24Hour, 0x99, 0x12, 0x31, 0, 0, 0), out WallClockTime t, out _));
            Assert.Equal(2099, t.Year);
        }

        [Theory]
        [InlineData(0x1A, 0x01, 0x01, 0x00)]   // bad BCD digit in the year
        [InlineData(0x25, 0x13, 0x01, 0x00)]   // month 13
        [InlineData(0x25, 0x02, 0x30, 0x00)]   // 30 February
        [InlineData(0x23, 0x02, 0x29, 0x00)]   // 29 February outside a leap year
        [InlineData(0x25, 0x01, 0x00, 0x00)]   // day 0
        [InlineData(0x25, 0x01, 0x01, 0x24)]   // hour 24
        [InlineData(0xFF, 0xFF, 0xFF, 0xFF)]   // no RTC: the bus reads all ones
        public void RejectsImpossibleRegisters(byte year, byte month, byte day, byte hours)
        {
            Assert.False(CmosTimeDecoder.TryDecode(Raw(CmosTimeDecoder.StatusB24Hour, year, month, day, hours, 0, 0), out _, out string error));
            Assert.False(string.IsNullOrEmpty(error));
        }

        [Fact]
        public void TwelveHourClockRejectsHourZero()
        {
            Assert.False(CmosTimeDecoder.TryDecode(Raw(0, 0x25, 0x01, 0x01, 0x00, 0, 0), out _, out _));
        }

        [Theory]
        [InlineData(2000, true)]
        [InlineData(1900, false)]
        [InlineData(2024, true)]
        [InlineData(2026, false)]
        public void LeapYears(int year, bool leap) => Assert.Equal(leap, CmosTimeDecoder.IsLeapYear(year));
    }
}
