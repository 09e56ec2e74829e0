// The kernel's C# entry point, called once by the boot stub on the boot CPU.
using System.Runtime;
using MinimalOS.Kernel.Arch.X86_64;

namespace MinimalOS.Kernel
{
    internal static unsafe class KernelMain
    {
        [RuntimeExport("KernelMain")]
        private static void Start(uint bootMagic, ulong bootInfoPhysical)
        {
            var serial = new Serial16550(Serial16550.Com1);
            serial.Initialize();
            foreach (char c in "MinimalOS ready\r\n")
                serial.Write((byte)c);
            Cpu.HaltForever();
        }
    }
}
