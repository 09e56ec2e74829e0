// The kernel's C# entry point, called once by the boot stub on the boot CPU.
using System;
using System.Runtime;
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Console;
using MinimalOS.Kernel.Devices;
using MinimalOS.Kernel.Input;
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Heap;
using MinimalOS.Kernel.Memory.Physical;
using MinimalOS.Kernel.Monitor;
using MinimalOS.Kernel.Scheduling;

namespace MinimalOS.Kernel
{
    internal static unsafe class KernelMain
    {
        private const ulong RootTaskWaitNanoseconds = 600UL * 1_000_000_000;

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
            Objects.KernelObjects.Initialize(new Arch.X86_64.Sync.SpinLock("kernel objects"), KernelAddressSpace.DirectMap,
                new Memory.Paging.UserPageTables(KernelAddressSpace.DirectMap, Memory.Paging.PatLayout.Kernel, KernelAddressSpace.NoExecuteSupported), KernelAddressSpace.Space.Root);
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
            Scheduler.Start();
            Scheduler.SetObjectThreadLeftHook(&Objects.ThreadObject.OnLeftCpu);
            // The APs start one at a time; each then joins the scheduler as an idle CPU.
            Arch.X86_64.Smp.SmpStartup.StartApplicationProcessors(&Scheduler.RunOnThisCpu);
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
#if !KERNEL_TESTS && !KERNEL_BENCH
            StartRootTask(boot);
#endif
            if (BootSequence.Options is not null && BootSequence.Options.Monitor)
                KernelMonitor.Run(com1, screen);
            BootSequence.Finish();
        }

        /// <summary>The first boot module becomes the root task (logged when there is none, it cannot start, or the monitor has the console); wait-roottask waits for its end.</summary>
        private static void StartRootTask(BootInfo boot)
        {
            if (boot.Modules.Count == 0)
            {
                Log.Warn("roottask", $"no boot module: there is no root task to start");
                return;
            }
            if (BootSequence.Options is not null && BootSequence.Options.Monitor)
            {
                Log.Info("roottask", $"not started: the kernel monitor has the console (monitor option)");
                return;
            }
            BootModule module = boot.Modules[0];
            if (!KernelAddressSpace.TryGetDirectPointer(module.Start, module.Length, out byte* image) || module.Length > int.MaxValue)
            {
                Log.Error("roottask", $"the root task module at 0x{module.Start.Value:x} is outside the direct map");
                return;
            }
            string failure = Boot.RootTask.Start(new ReadOnlySpan<byte>(image, (int)module.Length), KernelAddressSpace.Frames, boot.CommandLine.Span);
            // Taken once the untyped regions are harvested; the running root task can take no kernel memory.
            ulong heapBefore = Runtime.KernelHeap.BytesInUse;
            ulong framesBefore = KernelAddressSpace.Frames.Statistics.FreeFrames;
            if (failure is not null)
            {
                Log.Error("roottask", $"not started: {failure}");
                return;
            }
            if (BootSequence.Options is null || !BootSequence.Options.WaitForRootTask)
                return;
            if (!Boot.RootTask.WaitForExit(RootTaskWaitNanoseconds))
            {
                Log.Error("roottask", $"still running after {RootTaskWaitNanoseconds / 1_000_000_000} s (wait-roottask)");
                return;
            }
            // Everything a program asks for comes from untyped memory: the kernel's own heap and frames are
            // back where they were when it started, whatever it made and destroyed.
            ulong framesAfter = KernelAddressSpace.Frames.Statistics.FreeFrames;
            Log.Info("roottask", $"kernel memory across the root task: heap in use {heapBefore} -> {Runtime.KernelHeap.BytesInUse} bytes, free frames {framesBefore} -> {framesAfter}");
            if (Boot.RootTask.ExitCode != 0 && BootSequence.Options.ExitOnReady)
                QemuDebugExit.Exit(QemuDebugExit.Failure);
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
