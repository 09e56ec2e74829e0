// The PC's last-resort ways to restart: pulsing the reset line through the i8042 keyboard controller,
// and a triple fault (an empty IDT plus an exception), which every x86 CPU turns into a reset. Used by
// SystemPower only after the ACPI reset register did not work; neither logs, and TripleFault never returns.
using System.Runtime;
using System.Runtime.CompilerServices;

namespace MinimalOS.Kernel.Arch.X86_64
{
    internal static class LegacyReset
    {
        private const ushort KeyboardControllerCommand = 0x64;
        private const byte KeyboardControllerInputFull = 1 << 1;
        private const byte KeyboardControllerPulseReset = 0xFE;

        [RuntimeImport("*", "cpu_triple_fault")][MethodImpl(MethodImplOptions.InternalCall)] public static extern void TripleFault();

        /// <summary>Waits (bounded by <paramref name="timeoutNanoseconds"/>) for the controller to accept a
        /// command, then asks it to pulse the CPU's reset line.</summary>
        public static void PulseKeyboardControllerReset(ulong timeoutNanoseconds)
        {
            ulong deadline = TscClock.Nanoseconds() + timeoutNanoseconds;
            while ((Cpu.InByte(KeyboardControllerCommand) & KeyboardControllerInputFull) != 0 && TscClock.Nanoseconds() < deadline)
                Cpu.Pause();
            Cpu.OutByte(KeyboardControllerCommand, KeyboardControllerPulseReset);
        }
    }
}
