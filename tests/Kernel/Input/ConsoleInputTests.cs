// Kernel tests of console input on QEMU's real devices: the i8042 and COM1 were found at boot; the
// interrupt glue routes both ISA IRQs through the routing function it is given (a stand-in here that
// registers the handlers on two test vectors); a byte the i8042 is told to present as keyboard output
// (controller command 0xD2) reaches the queue through the keyboard's interrupt handler as a decoded
// character, and through the polling fallback too.
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Arch.X86_64.Interrupts;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class ConsoleInputTests
    {
        private const byte KeyboardVector = 0xD1;
        private const byte SerialVector = 0xD4;
        private const ushort I8042Status = 0x64;
        private const ushort I8042Data = 0x60;
        private const byte WriteKeyboardOutput = 0xD2;
        private const byte ScancodeA = 0x1E;
        private const byte ScancodeB = 0x30;

        private static int s_routedIrqs;

        public static void Register(KernelTestList tests)
        {
            tests.Add("ConsoleInput.DevicesFoundAtBoot", &DevicesFoundAtBoot);
            tests.Add("ConsoleInput.PollingDrainsTheKeyboard", &PollingDrainsTheKeyboard);
            tests.Add("ConsoleInput.AttachedKeyboardInterruptQueuesTheKey", &AttachedKeyboardInterruptQueuesTheKey);
        }

        private static void DevicesFoundAtBoot()
        {
            Expect.NotNull(ConsoleInput.Queue, "the queue exists");
            Expect.True(Ps2Keyboard.IsReady, "QEMU's i8042 answered");
            Expect.True(SerialInput.IsReady, "COM1's receiver is set up");
        }

        private static void PollingDrainsTheKeyboard()
        {
            EmptyQueue();
            Expect.True(PresentKeyboardByte(ScancodeB), "the i8042 took the byte");
            ConsoleInput.Poll();
            Expect.True(ConsoleInput.Queue.TryRead(out char typed), "polling queued a character");
            Expect.Equal((int)'b', (int)typed, "scancode 0x30 is b");
        }

        private static void AttachedKeyboardInterruptQueuesTheKey()
        {
            EmptyQueue();
            s_routedIrqs = 0;
            ConsoleInput.AttachInterrupts(&RouteToTestVectors);
            Expect.Equal(2, s_routedIrqs, "both IRQs were routed");
            Expect.True(ConsoleInput.InterruptDriven, "nothing left to poll");
            Expect.True(PresentKeyboardByte(ScancodeA), "the i8042 took the byte");
            Expect.True(InterruptVectors.Raise(KeyboardVector), "raised the keyboard vector");
            Expect.True(ConsoleInput.Queue.TryRead(out char typed), "the handler queued a character");
            Expect.Equal((int)'a', (int)typed, "scancode 0x1E is a");
            Expect.True(InterruptVectors.Raise(SerialVector), "raised the serial vector");
            Expect.False(ConsoleInput.Queue.TryRead(out _), "no serial input was waiting");
        }

        // Stands in for InterruptRouting.TryRouteIsaIrq: no controller is programmed, the vectors are
        // raised by the test with `int`.
        private static bool RouteToTestVectors(int isaIrq, delegate*<ref InterruptFrame, void> handler, out byte vector)
        {
            vector = isaIrq == Ps2Keyboard.IsaIrq ? KeyboardVector : SerialVector;
            if (!InterruptVectors.Register(vector, handler))
                return false;
            s_routedIrqs++;
            return true;
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
