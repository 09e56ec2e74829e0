// The two legacy 8259 PICs. The kernel routes every device interrupt through the I/O APIC, so the PICs are
// only moved out of the way: remapped to vectors 0x20-0x2F (so a spurious IRQ 7/15 from them can never be
// mistaken for a CPU exception) and fully masked. Must never be unmasked while the I/O APIC is in use.
namespace MinimalOS.Kernel.Arch.X86_64.Interrupts
{
    internal static class LegacyPic
    {
        public const byte FirstVector = 0x20;
        public const int Vectors = 16;

        private const ushort MasterCommand = 0x20;
        private const ushort MasterData = 0x21;
        private const ushort SlaveCommand = 0xA0;
        private const ushort SlaveData = 0xA1;
        private const byte Icw1InitWithIcw4 = 0x11;
        private const byte Icw4Mode8086 = 0x01;
        private const byte SlaveOnIrq2 = 0x04;
        private const byte SlaveCascadeIdentity = 0x02;
        private const byte AllMasked = 0xFF;
        // Port 0x80 is the POST code port: a write to it takes ~1 us, the settle time old PICs need between words.
        private const ushort DelayPort = 0x80;

        /// <summary>Reprograms both PICs to vectors 0x20-0x2F and masks all 16 lines.</summary>
        public static void RemapAndMaskAll()
        {
            Write(MasterCommand, Icw1InitWithIcw4);
            Write(SlaveCommand, Icw1InitWithIcw4);
            Write(MasterData, FirstVector);
            Write(SlaveData, FirstVector + 8);
            Write(MasterData, SlaveOnIrq2);
            Write(SlaveData, SlaveCascadeIdentity);
            Write(MasterData, Icw4Mode8086);
            Write(SlaveData, Icw4Mode8086);
            Write(MasterData, AllMasked);
            Write(SlaveData, AllMasked);
        }

        /// <summary>True when both PICs report every line masked (read back from their mask registers).</summary>
        public static bool AllLinesMasked => Cpu.InByte(MasterData) == AllMasked && Cpu.InByte(SlaveData) == AllMasked;

        private static void Write(ushort port, byte value)
        {
            Cpu.OutByte(port, value);
            Cpu.OutByte(DelayPort, 0);
        }
    }
}
