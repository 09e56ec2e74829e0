// Kernel tests of console input on QEMU's real devices: the i8042 and COM1 were found at boot and routed
// through the I/O APIC; a byte the i8042 is told to present as keyboard output (controller command 0xD2)
// reaches the queue as a decoded character through a real IRQ 1, and through the polling fallback.
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Arch.X86_64.Interrupts;
using MinimalOS.Kernel.Devices;
using MinimalOS.Kernel.Input;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class ConsoleInputTests
    {
        private const ushort I8042Status = 0x64;
        private const ushort I8042Data = 0x60;
        private const byte WriteKeyboardOutput = 0xD2;
        private const byte ScancodeA = 0x1E;
        private const byte ScancodeB = 0x30;


        public static void Register(KernelTestList tests)
        {
            tests.Add("ConsoleInput.DevicesFoundAtBoot", &DevicesFoundAtBoot);
            tests.Add("ConsoleInput.PollingDrainsTheKeyboard", &PollingDrainsTheKeyboard);
            tests.Add("ConsoleInput.RoutedKeyboardInterruptQueuesTheKey", &RoutedKeyboardInterruptQueuesTheKey);
        }

        private static void DevicesFoundAtBoot()
        {
            Expect.NotNull(ConsoleInput.Queue, "the queue exists");
            Expect.True(Ps2Keyboard.IsReady, "QEMU's i8042 answered");
            Expect.True(SerialInput.IsReady, "COM1's receiver is set up");
        }

        // The polling path (used when a device cannot be routed): with interrupts off, the byte waits in the
        // i8042 until the keyboard driver drains it.
        private static void PollingDrainsTheKeyboard()
        {
            Cpu.DisableInterrupts();
            EmptyQueue();
            bool presented = PresentKeyboardByte(ScancodeB);
            Ps2Keyboard.Drain();
            bool queued = ConsoleInput.Queue.TryRead(out char typed);
            Cpu.EnableInterrupts();
            Expect.True(presented, "the i8042 took the byte");
            Expect.True(queued, "draining queued a character");
            Expect.Equal((int)'b', (int)typed, "scancode 0x30 is b");
        }

        // At boot the keyboard and COM1 are routed through the I/O APIC: a byte the i8042 presents raises
        // IRQ 1 for real, and the handler queues the key.
        private static void RoutedKeyboardInterruptQueuesTheKey()
        {
            Expect.True(ConsoleInput.InterruptDriven, "keyboard and COM1 are interrupt-driven after boot");
            Cpu.DisableInterrupts();
            EmptyQueue();
            bool presented = PresentKeyboardByte(ScancodeA);
            Cpu.EnableInterrupts();
            Expect.True(presented, "the i8042 took the byte");
            bool queued = false;
            char typed = '\0';
            ulong deadline = TscClock.Nanoseconds() + 200_000_000;
            while (!queued && TscClock.Nanoseconds() < deadline)
                queued = ConsoleInput.Queue.TryRead(out typed);
            Expect.True(queued, "the IRQ 1 handler queued a character");
            Expect.Equal((int)'a', (int)typed, "scancode 0x1E is a");
        }

        private static bool PresentKeyboardByte(byte value)
        {
            if (!WaitForControllerInput())
                return false;
            Cpu.OutByte(I8042Status, WriteKeyboardOutput);
            if (!WaitForControllerInput())
                return false;
            Cpu.OutByte(I8042Data, value);
            for (int spins = 0; spins < 100_000; spins++)
            {
                if ((Cpu.InByte(I8042Status) & 1) != 0)
                    return true;
            }
            return false;
        }

        private static bool WaitForControllerInput()
        {
            for (int spins = 0; spins < 100_000; spins++)
            {
                if ((Cpu.InByte(I8042Status) & 2) == 0)
                    return true;
            }
            return false;
        }

        private static void EmptyQueue()
        {
            while (ConsoleInput.Queue.TryRead(out _))
            {
            }
        }
    }
}
