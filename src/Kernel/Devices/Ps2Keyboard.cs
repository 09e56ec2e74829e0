// The PS/2 keyboard behind the i8042 controller (status/command port 0x64, data port 0x60). Initialize
// checks the controller answers, empties its output buffer and makes sure port 1 is enabled with
// translation to scancode set 1 and IRQ 1 on; each byte then goes through the set 1 decoder and the typed
// characters into ConsoleInput.Queue. Used from IRQ 1 (OnInterrupt) or, before interrupts are routed, by
// polling. Every wait on the controller is bounded: a missing or wedged controller leaves the keyboard off
// with one log line, never a hang. Must never allocate or log per byte.
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Arch.X86_64.Interrupts;
using MinimalOS.Kernel.Input;
using MinimalOS.Kernel.Logging;

namespace MinimalOS.Kernel.Devices
{
    internal static class Ps2Keyboard
    {
        /// <summary>The keyboard's ISA interrupt line.</summary>
        public const int IsaIrq = 1;

        private const ushort DataPort = 0x60;
        private const ushort StatusPort = 0x64;
        private const ushort CommandPort = 0x64;
        private const byte OutputFull = 1 << 0;
        private const byte InputFull = 1 << 1;
        private const byte AuxiliaryData = 1 << 5;
        private const byte ReadConfiguration = 0x20;
        private const byte WriteConfiguration = 0x60;
        private const byte EnablePort1 = 0xAE;
        private const byte ConfigPort1Interrupt = 1 << 0;
        private const byte ConfigPort1ClockDisabled = 1 << 4;
        private const byte ConfigTranslation = 1 << 6;
        // The controller's buffer is one byte but the keyboard queues more behind it.
        private const int MaxFlushBytes = 64;
        private const int MaxBytesPerDrain = 16;
        private const int WaitSpins = 100_000;

        private static ScancodeSet1Decoder s_decoder;

        public static bool IsReady => s_decoder is not null;

        /// <summary>Unknown scancodes seen so far (for diagnostics).</summary>
        public static ulong UnknownScancodes => s_decoder is null ? 0 : s_decoder.UnknownCount;

        /// <summary>Prepares the controller and the decoder; false (logged) when no usable controller answers.</summary>
        public static bool Initialize()
        {
            // No i8042 (or a bus that floats): the status port reads all ones.
            if (Cpu.InByte(StatusPort) == 0xFF)
            {
                Log.Info("ps2", $"no i8042 keyboard controller: status port reads 0xff");
                return false;
            }
            Flush();
            if (!TrySendCommand(ReadConfiguration) || !TryReadData(out byte configuration))
            {
                Log.Warn("ps2", $"i8042 does not answer: keyboard input off");
                return false;
            }
            byte wanted = (byte)((configuration | ConfigPort1Interrupt | ConfigTranslation) & ~ConfigPort1ClockDisabled);
            if (wanted != configuration && (!TrySendCommand(WriteConfiguration) || !TryWriteData(wanted)))
            {
                Log.Warn("ps2", $"i8042 refused its configuration byte: keyboard input off");
                return false;
            }
            if (!TrySendCommand(EnablePort1))
            {
                Log.Warn("ps2", $"i8042 did not take the enable-port command: keyboard input off");
                return false;
            }
            Flush();
            s_decoder = new ScancodeSet1Decoder();
            Log.Debug("ps2", $"keyboard ready (i8042 configuration 0x{configuration:x2} -> 0x{wanted:x2})");
            return true;
        }

        /// <summary>Moves every byte the controller holds from the keyboard into the console queue.</summary>
        public static void Drain()
        {
            if (s_decoder is null)
                return;
            for (int i = 0; i < MaxBytesPerDrain; i++)
            {
                byte status = Cpu.InByte(StatusPort);
                if ((status & OutputFull) == 0)
                    return;
                byte value = Cpu.InByte(DataPort);
                // A mouse byte on the shared output buffer is not a scancode.
                if ((status & AuxiliaryData) == 0)
                    Feed(value);
            }
        }

        /// <summary>The IRQ 1 handler: the controller raises it once per byte, so one read serves it.</summary>
        public static void OnInterrupt(ref InterruptFrame frame)
        {
            if (s_decoder is null || (Cpu.InByte(StatusPort) & OutputFull) == 0)
                return;
            Feed(Cpu.InByte(DataPort));
        }

        private static void Feed(byte scancode)
        {
            if (s_decoder.TryDecode(scancode, out KeyEvent key) && key.Pressed && key.Character != '\0')
                ConsoleInput.Queue.TryWrite(key.Character);
        }

        private static void Flush()
        {
            for (int i = 0; i < MaxFlushBytes && (Cpu.InByte(StatusPort) & OutputFull) != 0; i++)
                Cpu.InByte(DataPort);
        }

        private static bool TrySendCommand(byte command)
        {
            if (!WaitUntilInputEmpty())
                return false;
            Cpu.OutByte(CommandPort, command);
            return true;
        }

        private static bool TryWriteData(byte value)
        {
            if (!WaitUntilInputEmpty())
                return false;
            Cpu.OutByte(DataPort, value);
            return true;
        }

        private static bool TryReadData(out byte value)
        {
            for (int spins = 0; spins < WaitSpins; spins++)
            {
                if ((Cpu.InByte(StatusPort) & OutputFull) != 0)
                {
                    value = Cpu.InByte(DataPort);
                    return true;
                }
                Cpu.Pause();
            }
            value = 0;
            return false;
        }

        private static bool WaitUntilInputEmpty()
        {
            for (int spins = 0; spins < WaitSpins; spins++)
            {
                if ((Cpu.InByte(StatusPort) & InputFull) == 0)
                    return true;
                Cpu.Pause();
            }
            return false;
        }
    }
}
