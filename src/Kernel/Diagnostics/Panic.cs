// Kernel panic: report what went wrong and stop. Temporary minimal version (serial only).
using MinimalOS.Kernel.Arch.X86_64;

namespace MinimalOS.Kernel.Diagnostics
{
    internal static class Panic
    {
        public static void FromException(object exception) => Halt("unhandled exception");

        public static void Halt(string reason)
        {
            foreach (char c in reason)
                Cpu.OutByte(0x3F8, (byte)c);
            Cpu.HaltForever();
        }
    }
}
