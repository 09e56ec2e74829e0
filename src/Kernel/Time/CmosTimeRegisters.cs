// The raw bytes of the CMOS RTC's time registers, as read from the chip (BCD or binary, 12- or 24-hour
// per status register B). Untrusted: CmosTimeDecoder validates them; nothing here interprets them.
namespace MinimalOS.Kernel.Time
{
    public struct CmosTimeRegisters
    {
        public byte Seconds;
        public byte Minutes;
        public byte Hours;
        public byte DayOfMonth;
        public byte Month;
        public byte Year;

        /// <summary>The century register named by the FADT, if HasCentury.</summary>
        public byte Century;
        public bool HasCentury;

        /// <summary>Status register B: bit 1 = 24-hour mode, bit 2 = binary (not BCD) values.</summary>
        public byte StatusB;

        public bool SameTimeAs(in CmosTimeRegisters other) =>
            Seconds == other.Seconds && Minutes == other.Minutes && Hours == other.Hours && DayOfMonth == other.DayOfMonth
            && Month == other.Month && Year == other.Year && Century == other.Century;
    }
}
