// The kernel's C# entry point, called once by the boot stub on the boot CPU.
using System.Runtime;
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Logging;

namespace MinimalOS.Kernel
{
    internal static unsafe class KernelMain
    {
        [RuntimeExport("KernelMain")]
        private static void Start(uint bootMagic, ulong bootInfoPhysical)
        {
            string runtimeError = Runtime.RuntimeStartup.Initialize(KernelImageLayout.Current);
            var com1 = new Serial16550(Serial16550.Com1);
            com1.Initialize();
            Log.AddSink(new SerialLogSink(com1, colour: false));
            TscClock.Initialize();
            Log.SetClock(&TscClock.Nanoseconds);
            Log.Info("boot", $"magic {bootMagic:x8}, boot information at {bootInfoPhysical:x}");
            if (runtimeError is not null)
                Diagnostics.Panic.Halt(runtimeError);
            Log.Info("boot", $"MinimalOS ready");
            if (TemporaryExitOnReady.Requested(bootMagic, bootInfoPhysical))
                QemuDebugExit.Exit(QemuDebugExit.Success);
#if KERNEL_TESTS
            Diagnostics.Panic.ExitQemuOnPanic = true;
            Tests.KernelTestRunner.RunAll();
#endif
            Cpu.HaltForever();
        }
    }
}
