// The kernel's C# entry point, called once by the boot stub on the boot CPU.
using System.Runtime;
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Console;
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.Memory.Heap;
using MinimalOS.Kernel.Memory.Physical;
using MinimalOS.Kernel.Memory;

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
            var serialLog = new SerialLogSink(com1, colour: false);
            Log.AddSink(serialLog);
            TscClock.Initialize();
            Log.SetClock(&TscClock.Nanoseconds);
            if (runtimeError is not null)
                Diagnostics.Panic.Halt(runtimeError);
            Arch.X86_64.Sync.LogLock.Install();
            BootInfo boot = BootSequence.Start(bootMagic, bootInfoPhysical, serialLog);
            Log.Info("time", $"TSC at {TscClock.FrequencyHz / 1000} kHz ({TscClock.SourceName})");
            FrameAllocator frames = MemoryStartup.Start(boot);
            KernelAddressSpace.Initialize(boot, frames);
            Arch.X86_64.Interrupts.ProcessorTables.InitializeThisCpu(0);
            FpuState.InitializeThisCpu();
            PageAttributeTable.InitializeThisCpu();
            if (!Runtime.KernelHeap.AttachFrames(KernelAddressSpace.Frames, new AddressSpaceHeapMapper(KernelAddressSpace.Space, KernelAddressSpace.NoExecuteSupported)))
                Log.Error("heap", $"could not attach frames: the heap stays within its boot region");
            AcpiStartup.Start(boot);
            Arch.X86_64.Apic.InterruptControllerStartup.StartBootCpu(AcpiStartup.Tables);
            FramebufferConsole screen = null;
            if (boot.HasUsableFramebuffer)
                screen = StartFramebufferConsole(boot.Framebuffer);
            else
                Log.Info("console", $"no framebuffer console: the boot loader passed no usable RGB framebuffer");
            ConsoleInput.Initialize(com1);
            ConsoleInput.AttachInterrupts(&Arch.X86_64.Apic.InterruptRouting.TryRouteIsaIrq);
            // From here the boot flow is thread 0 and other kernel threads can run when it yields or blocks.
            Arch.X86_64.Threads.Scheduler.Start();
            // The APs start one at a time; each then joins the scheduler as an idle CPU.
            Arch.X86_64.Smp.SmpStartup.StartApplicationProcessors(&Arch.X86_64.Threads.Scheduler.RunOnThisCpu);
            Runtime.KernelHeap.LogStatistics();
            // Every controller is programmed and every device line masked: interrupts may come from here on.
            Cpu.EnableInterrupts();
            Log.Info("boot", $"MinimalOS ready");
#if KERNEL_TESTS
            Diagnostics.Panic.ExitQemuOnPanic = true;
            Tests.KernelTestRunner.RunAll();
#endif
#if KERNEL_BENCH
            Diagnostics.Panic.ExitQemuOnPanic = true;
            Benchmarks.BenchmarkRunner.RunAll();
#endif
            if (BootSequence.Options is not null && BootSequence.Options.Monitor)
                KernelMonitor.Run(com1, screen);
            BootSequence.Finish();
        }

        /// <summary>Starts the framebuffer console as a log sink; null (logged) when it cannot.</summary>
        private static FramebufferConsole StartFramebufferConsole(in FramebufferInfo framebuffer)
        {
            if (!KernelAddressSpace.TryGetDirectPointer(new PhysicalAddress(framebuffer.PhysicalAddress), framebuffer.SizeInBytes, out byte* pixels))
            {
                Log.Warn("console", $"no framebuffer console: framebuffer at {framebuffer.PhysicalAddress:x} is outside the direct map");
                return null;
            }
            if (!FramebufferConsole.TryCreate(in framebuffer, pixels, out FramebufferConsole console, out string whyNot))
            {
                Log.Warn("console", $"no framebuffer console: {whyNot}");
                return null;
            }
            if (!Log.AddSink(console))
            {
                Log.Warn("console", $"no framebuffer console: every log sink slot is taken");
                return null;
            }
            Log.Info("console", $"framebuffer console {console.Columns}x{console.Rows} on {framebuffer.Width}x{framebuffer.Height}x{framebuffer.BitsPerPixel} at {framebuffer.PhysicalAddress:x}");
            return console;
        }
    }
}
