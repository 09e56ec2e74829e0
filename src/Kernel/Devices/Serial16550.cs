// A 16550 UART on an I/O port base (COM1 = 0x3F8, COM2 = 0x2F8), programmed for 115200 baud 8N1 with
// FIFOs on. Output polls the transmit-empty bit. Input is read byte by byte (TryReadByte), either polled or
// from the receive interrupt (EnableReceiveInterrupt; the handler is SerialInput.OnInterrupt).
// Must never block forever: a missing UART (all ones on the status port) is detected and skipped.
using MinimalOS.Kernel.Arch.X86_64;
namespace MinimalOS.Kernel.Devices
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
        private const byte DataReady = 1 << 0;
        private const byte ReceivedDataAvailableInterrupt = 1 << 0;
        // DTR, RTS, and OUT2: on a PC, OUT2 gates the UART's interrupt line to the interrupt controller.
        private const byte ModemControlWithInterrupts = 0x0B;

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

        /// <summary>Takes one received byte if the receiver holds one (LSR bit 0); never waits.</summary>
        public bool TryReadByte(out byte value)
        {
            value = 0;
            if (!_present || (Cpu.InByte((ushort)(_base + LineStatus)) & DataReady) == 0)
                return false;
            value = Cpu.InByte((ushort)(_base + Data));
            return true;
        }

        /// <summary>
        /// Makes the UART raise its IRQ (COM1: ISA IRQ 4) whenever received data is waiting (IER bit 0), with
        /// OUT2 set so that the line reaches the interrupt controller. Nothing else: routing is the caller's.
        /// </summary>
        public void EnableReceiveInterrupt()
        {
            if (!_present)
                return;
            Cpu.OutByte((ushort)(_base + ModemControl), ModemControlWithInterrupts);
            Cpu.OutByte((ushort)(_base + InterruptEnable), ReceivedDataAvailableInterrupt);
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
