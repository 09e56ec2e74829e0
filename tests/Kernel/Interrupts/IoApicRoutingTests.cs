// Kernel tests of device interrupt routing through the I/O APIC: the I/O APICs were found and report
// entries; a bad ISA IRQ is refused; ISA IRQ 0 (the PIT, GSI 2 through QEMU's override) routed to a handler
// interrupts once per PIT one-shot, twice in a row (so the wrapper's EOI lets the next one in), and not
// while masked. The PIT's channel 0 runs in mode 0: its output rises once when the count ends.
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Arch.X86_64.Apic;
using MinimalOS.Kernel.Arch.X86_64.Interrupts;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class IoApicRoutingTests
    {
        private const ushort PitChannel0 = 0x40;
        private const ushort PitCommand = 0x43;
        private const byte Channel0Mode0LowHigh = 0x30;
        // 5 ms at the PIT's 1.193182 MHz.
        private const ushort FiveMilliseconds = 5966;

        private static volatile int s_runs;
        private static ulong s_seenVector;

        public static void Register(KernelTestList tests)
        {
            tests.Add("IoApic.ControllersFoundAndMasked", &ControllersFoundAndMasked);
            tests.Add("IoApic.BadIsaIrqIsRefused", &BadIsaIrqIsRefused);
            tests.Add("IoApic.RoutedPitIrqRunsHandlerEachTimeAndNotWhenMasked", &RoutedPitIrqRunsHandlerEachTimeAndNotWhenMasked);
        }

        private static void ControllersFoundAndMasked()
        {
            Expect.True(InterruptRouting.IoApicCount >= 1, "at least one I/O APIC");
            IoApic first = InterruptRouting.IoApicAt(0);
            Expect.True(first.EntryCount >= 16, $"room for the ISA IRQs ({first.EntryCount} entries)");
            // GSI 1 and 4 carry the keyboard and COM1 (routed at boot); nothing routes ISA IRQ 3 (COM2).
            Expect.True(first.IsMasked(first.GsiBase + 3), "an unrouted input stays masked");
        }

        private static void BadIsaIrqIsRefused()
        {
            Expect.False(InterruptRouting.TryRouteIsaIrq(16, &Record, out _), "IRQ 16 is not an ISA IRQ");
            Expect.False(InterruptRouting.TryRouteIsaIrq(-1, &Record, out _), "negative IRQs are refused");
            Expect.False(InterruptRouting.TryRouteIsaIrq(3, null, out _), "a null handler is refused");
        }

        private static void RoutedPitIrqRunsHandlerEachTimeAndNotWhenMasked()
        {
            s_runs = 0;
            Expect.True(InterruptRouting.TryRouteIsaIrq(0, &Record, out byte vector), "IRQ 0 routed");
            Expect.True(vector >= InterruptRouting.FirstDeviceVector && vector <= InterruptRouting.LastDeviceVector, "a device vector");
            StartPitOneShot();
            Expect.True(WaitForRuns(1), "the first PIT interrupt ran the handler");
            Expect.Equal(vector, s_seenVector, "the handler saw its vector");
            StartPitOneShot();
            Expect.True(WaitForRuns(2), "a second PIT interrupt arrived after the EOI");
            Expect.True(InterruptRouting.Mask(vector), "masked");
            StartPitOneShot();
            WaitForRuns(3);
            Expect.Equal(2, s_runs, "no interrupt while masked");
            Expect.True(InterruptRouting.Unmask(vector), "unmasked");
            Expect.True(InterruptRouting.Mask(vector), "masked again for the rest of the run");
        }

        private static void StartPitOneShot()
        {
            Cpu.OutByte(PitCommand, Channel0Mode0LowHigh);
            Cpu.OutByte(PitChannel0, (byte)(FiveMilliseconds & 0xFF));
            Cpu.OutByte(PitChannel0, (byte)(FiveMilliseconds >> 8));
        }

        /// <summary>Waits up to 100 ms for the handler to have run <paramref name="runs"/> times.</summary>
        private static bool WaitForRuns(int runs)
        {
            ulong limit = Cpu.ReadTimestampCounter() + TscClock.FrequencyHz / 10;
            while (s_runs < runs && Cpu.ReadTimestampCounter() < limit)
                Cpu.Pause();
            return s_runs >= runs;
        }

        private static void Record(ref InterruptFrame frame)
        {
            s_seenVector = frame.Vector;
            s_runs = s_runs + 1;
        }
    }
}
