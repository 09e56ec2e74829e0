// Where console input comes together: the queue both input devices fill (COM1 and the PS/2 keyboard),
// their start-up, the polling fallback the monitor uses until interrupts are routed, and the ONE glue
// point (AttachInterrupts) through which the interrupt controller code connects the devices' IRQs.
// Producers never overlap: the keyboard and COM1 interrupt handlers and the polling fallback all feed the
// queue (and the drivers' decoders) under one IRQ-safe "console input" lock, so the queue keeps its
// single-producer contract even when the IRQs arrive on the boot CPU while the reader polls on another.
// There is one consumer: the kernel monitor's reader (whichever CPU it runs on); a second reader would
// need its own lock. A reader on a CPU that receives no input IRQs wakes from WaitForInput at its next
// interrupt of any kind, not at the keystroke. Must never allocate after Initialize.
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Arch.X86_64.Interrupts;
using MinimalOS.Kernel.Arch.X86_64.Sync;
using MinimalOS.Kernel.Devices;
using MinimalOS.Kernel.Input;
using MinimalOS.Kernel.Logging;

namespace MinimalOS.Kernel.Input
{
    internal static unsafe class ConsoleInput
    {
        private const int QueueCapacity = 256;
        private const string LockName = "console input";

        private static TicketLock s_producers;
        private static ConsoleInputQueue s_queue;
        private static bool s_keyboardRouted;
        private static bool s_serialRouted;

        /// <summary>Typed characters, oldest first ('\n' = Enter, '\b' = Backspace).</summary>
        public static ConsoleInputQueue Queue => s_queue;

        /// <summary>True when every input device that is present delivers by interrupt (nothing to poll).</summary>
        public static bool InterruptDriven =>
            (s_keyboardRouted || !Ps2Keyboard.IsReady) && (s_serialRouted || !SerialInput.IsReady) &&
            (s_keyboardRouted || s_serialRouted);

        /// <summary>Creates the queue and prepares COM1's receiver and the keyboard; no interrupt is routed.</summary>
        public static void Initialize(Serial16550 com1)
        {
            s_queue = new ConsoleInputQueue(QueueCapacity);
            if (com1.IsPresent)
                SerialInput.Initialize(com1);
            Ps2Keyboard.Initialize();
            Log.Debug("input", $"console input: serial {(SerialInput.IsReady ? "on" : "off")}, keyboard {(Ps2Keyboard.IsReady ? "on" : "off")}, polled until interrupts are attached");
        }

        /// <summary>
        /// INTEGRATION GLUE: routes ISA IRQ 1 (keyboard) and ISA IRQ 4 (COM1) to the drivers' handlers through
        /// <paramref name="routeIsaIrq"/> (InterruptRouting.TryRouteIsaIrq) and turns on COM1's receive
        /// interrupt. Call once, after the interrupt controllers are up and before interrupts are enabled:
        /// <c>ConsoleInput.AttachInterrupts(&amp;InterruptRouting.TryRouteIsaIrq);</c>
        /// A device whose IRQ cannot be routed stays polled (logged).
        /// </summary>
        public static void AttachInterrupts(delegate*<int, delegate*<ref InterruptFrame, void>, out byte, bool> routeIsaIrq)
        {
            if (Ps2Keyboard.IsReady && !s_keyboardRouted)
            {
                s_keyboardRouted = routeIsaIrq(Ps2Keyboard.IsaIrq, &OnKeyboardInterrupt, out byte vector);
                if (s_keyboardRouted)
                    Log.Debug("input", $"keyboard on ISA IRQ {Ps2Keyboard.IsaIrq} -> vector {vector}");
                else
                    Log.Warn("input", $"could not route ISA IRQ {Ps2Keyboard.IsaIrq}: the keyboard stays polled");
            }
            if (SerialInput.IsReady && !s_serialRouted)
            {
                s_serialRouted = routeIsaIrq(SerialInput.IsaIrq, &OnSerialInterrupt, out byte vector);
                if (s_serialRouted)
                {
                    SerialInput.EnableInterrupt();
                    Log.Debug("input", $"COM1 receive on ISA IRQ {SerialInput.IsaIrq} -> vector {vector}");
                }
                else
                {
                    Log.Warn("input", $"could not route ISA IRQ {SerialInput.IsaIrq}: COM1 input stays polled");
                }
            }
        }

        /// <summary>The polling fallback: drains every device that is not interrupt-driven into the queue.</summary>
        public static void Poll()
        {
            s_producers.Acquire(LockName);
            if (!s_serialRouted)
                SerialInput.Drain();
            if (!s_keyboardRouted)
                Ps2Keyboard.Drain();
            s_producers.Release(LockName);
        }

        // The routed handlers: interrupts are already off, the lock makes them one producer with Poll.
        private static void OnKeyboardInterrupt(ref InterruptFrame frame)
        {
            s_producers.AcquireWithInterruptsOff(LockName);
            Ps2Keyboard.OnInterrupt(ref frame);
            s_producers.ReleaseWithInterruptsOff(LockName);
        }

        private static void OnSerialInterrupt(ref InterruptFrame frame)
        {
            s_producers.AcquireWithInterruptsOff(LockName);
            SerialInput.OnInterrupt(ref frame);
            s_producers.ReleaseWithInterruptsOff(LockName);
        }

        /// <summary>
        /// Waits for input: polls when a device is polled, otherwise halts until an interrupt (checking the
        /// queue with interrupts off first, then `sti; hlt`, so a character that arrives in between still
        /// wakes the CPU).
        /// </summary>
        public static void WaitForInput()
        {
            if (!InterruptDriven)
            {
                Poll();
                if (s_queue.Count == 0)
                    Cpu.Pause();
                return;
            }
            Cpu.DisableInterrupts();
            if (s_queue.Count == 0)
                Cpu.EnableInterruptsAndHalt();
            else
                Cpu.EnableInterrupts();
        }
    }
}
