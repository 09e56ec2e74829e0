// Measures the TSC frequency against the legacy PIT (8254), whose input clock is a fixed 1.193182 MHz:
// channel 2 counts down once in mode 0 with its gate on and the speaker off, and the TSC is read at the
// start and when the channel's output (port 0x61 bit 5) rises. Every wait is bounded, so a machine
// without a working PIT (some UEFI PCs) gets a "no answer" instead of a hang.
namespace MinimalOS.Kernel.Arch.X86_64
{
    internal static class PitTscCalibration
    {
        private const ulong PitHz = 1_193_182;
        private const ushort Channel2Data = 0x42;
        private const ushort Command = 0x43;
        private const ushort SpeakerControl = 0x61;
        private const byte Channel2GateBit = 0x01;
        private const byte SpeakerDataBit = 0x02;
        private const byte Channel2OutputBit = 0x20;

        /// <summary>The TSC frequency in Hz measured over <paramref name="milliseconds"/>, or 0 if the PIT did not answer.</summary>
        public static ulong MeasureTscHz(uint milliseconds)
        {
            ulong count = PitHz * milliseconds / 1000;
            if (count == 0 || count > 0xFFFF)
                return 0;
            byte control = Cpu.InByte(SpeakerControl);
            Cpu.OutByte(SpeakerControl, (byte)((control & ~SpeakerDataBit) & ~Channel2GateBit));
            Cpu.OutByte(Command, 0xB0);               // channel 2, low then high byte, mode 0, binary
            Cpu.OutByte(Channel2Data, (byte)count);
            Cpu.OutByte(Channel2Data, (byte)(count >> 8));
            // Raising the gate starts the count; the output stays low until it reaches zero.
            Cpu.OutByte(SpeakerControl, (byte)((control & ~SpeakerDataBit) | Channel2GateBit));
            ulong start = Cpu.ReadTimestampCounter();
            // No CPU the kernel supports runs its TSC above 20 GHz: past that many ticks, the PIT is not there.
            ulong limit = 20_000_000UL * milliseconds;
            ulong end = start;
            bool fired = false;
            while (end - start < limit)
            {
                if ((Cpu.InByte(SpeakerControl) & Channel2OutputBit) != 0)
                {
                    fired = true;
                    break;
                }
                end = Cpu.ReadTimestampCounter();
            }
            end = Cpu.ReadTimestampCounter();
            Cpu.OutByte(SpeakerControl, control);
            if (!fired)
                return 0;
            return (end - start) * 1000 / milliseconds;
        }
    }
}
