// COM1's receive side for the console: drains the UART's receive FIFO, decodes the bytes (line endings,
// backspace, escape sequences) and queues the characters in ConsoleInput.Queue. Used from the COM1
// interrupt (OnInterrupt, ISA IRQ 4) or, before interrupts are routed, from the monitor's polling loop.
// Must never allocate, block or log per byte: it runs with interrupts off.
using MinimalOS.Kernel.Arch.X86_64.Interrupts;
using MinimalOS.Kernel.Input;

namespace MinimalOS.Kernel.Devices
{
    internal static class SerialInput
    {
        /// <summary>COM1's ISA interrupt line.</summary>
        public const int IsaIrq = 4;

        // The FIFO holds 16 bytes; the bound keeps a UART that always reports data (a broken one, or a
        // missing one reading all ones) from holding the CPU forever.
        private const int MaxBytesPerDrain = 64;

        private static Serial16550 s_port;
        private static SerialInputDecoder s_decoder;

        public static bool IsReady => s_decoder is not null;

        /// <summary>Takes over <paramref name="port"/>'s receive side (the log keeps writing through its own copy).</summary>
        public static void Initialize(Serial16550 port)
        {
            s_port = port;
            s_decoder = new SerialInputDecoder();
        }

        /// <summary>Turns on the UART's receive interrupt; the IRQ must be routed to OnInterrupt first.</summary>
        public static void EnableInterrupt() => s_port.EnableReceiveInterrupt();

        /// <summary>Moves every byte waiting in the receive FIFO into the console queue.</summary>
        public static void Drain()
        {
            if (s_decoder is null)
                return;
            ConsoleInputQueue queue = ConsoleInput.Queue;
            for (int i = 0; i < MaxBytesPerDrain && s_port.TryReadByte(out byte value); i++)
            {
                if (s_decoder.TryDecode(value, out char character))
                    queue.TryWrite(character);
            }
        }

        /// <summary>The COM1 interrupt handler (ISA IRQ 4): reading the data drains the cause.</summary>
        public static void OnInterrupt(ref InterruptFrame frame) => Drain();
    }
}
