// A 16550 UART on an I/O port base (COM1 = 0x3F8, COM2 = 0x2F8), programmed for 115200 baud 8N1 with
// FIFOs on. Output polls the transmit-empty bit; input by interrupt arrives with the interrupts issue.
// Must never block forever: a missing UART (all ones on the status port) is detected and skipped.
namespace MinimalOS.Kernel.Arch.X86_64
{
    internal struct Serial16550
    {
        public const ushort Com1 = 0x3F8;
        public const ushort Com2 = 0x2F8;

        private const int Data = 0;
        private const int InterruptEnable = 1;
        private const int FifoControl = 2;
        private const int LineControl = 3;
        private const int ModemControl = 4;
        private const int LineStatus = 5;
        private const int Scratch = 7;
        private const byte TransmitHoldingEmpty = 1 << 5;

        private readonly ushort _base;
        private bool _present;

        public Serial16550(ushort portBase)
        {
            _base = portBase;
            _present = false;
        }

        public bool IsPresent => _present;

        /// <summary>Programs 115200 8N1; returns false (and stays silent) if no UART answers at the port.</summary>
        public bool Initialize()
        {
            // The scratch register holds what is written to it only when a UART is there.
            Cpu.OutByte((ushort)(_base + Scratch), 0x5A);
            if (Cpu.InByte((ushort)(_base + Scratch)) != 0x5A)
                return _present = false;
            Cpu.OutByte((ushort)(_base + InterruptEnable), 0x00);
            Cpu.OutByte((ushort)(_base + LineControl), 0x80);    // DLAB on: divisor follows
            Cpu.OutByte((ushort)(_base + Data), 0x01);           // divisor 1 = 115200 baud
            Cpu.OutByte((ushort)(_base + InterruptEnable), 0x00);
            Cpu.OutByte((ushort)(_base + LineControl), 0x03);    // 8 data bits, no parity, 1 stop bit
            Cpu.OutByte((ushort)(_base + FifoControl), 0xC7);    // FIFOs on and cleared, 14-byte threshold
            Cpu.OutByte((ushort)(_base + ModemControl), 0x03);   // DTR, RTS
            return _present = true;
        }

        public void Write(byte value)
        {
            if (!_present)
                return;
            // A real UART drains a byte in ~87 us at 115200; the bound keeps a wedged one from hanging us.
            for (int spins = 0; spins < 1_000_000; spins++)
            {
                if ((Cpu.InByte((ushort)(_base + LineStatus)) & TransmitHoldingEmpty) != 0)
                    break;
            }
            Cpu.OutByte((ushort)(_base + Data), value);
        }

        public void Write(System.ReadOnlySpan<byte> bytes)
        {
            foreach (byte b in bytes)
                Write(b);
        }
    }
}
