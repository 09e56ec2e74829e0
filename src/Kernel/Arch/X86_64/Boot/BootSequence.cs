// The boot-information part of start-up, kept out of KernelMain so the entry point stays short: parse what
// the loader passed (either Multiboot version), apply the command-line options to the log, log the boot
// summary, and at the end honour exit-on-ready and after-ready. Runs once, on the boot CPU, after the runtime is up.
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Devices;
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Power;

namespace MinimalOS.Kernel.Arch.X86_64
{
    internal static class BootSequence
    {
        /// <summary>What the loader passed, parsed (null before Start has run).</summary>
        public static BootInfo Information { get; private set; }

        public static KernelOptions Options { get; private set; }

        public static BootInfo Start(uint magic, ulong informationPhysical, SerialLogSink serialLog)
        {
            Information = BootInfoParser.Parse(magic, new PhysicalAddress(informationPhysical), new LowIdentityMap());
            Options = KernelOptions.From(KernelCommandLine.Parse(Information.CommandLine, Information.CommandLineStartsWithImageName));
            Log.MinimumLevel = Options.LogLevel;
            serialLog.Colour = Options.SerialColour;
            Log.Debug("boot", $"entry magic 0x{magic:x8}, boot information at 0x{informationPhysical:x}");
            BootInfoLog.Write(Information, Options);
            return Information;
        }

        /// <summary>Called after "MinimalOS ready": with exit-on-ready QEMU exits with success; otherwise
        /// after-ready=poweroff|reboot|panic turns the machine off, restarts it or panics on purpose; otherwise
        /// the CPU halts.</summary>
        public static void Finish()
        {
            if (Options is not null && Options.ExitOnReady)
                QemuDebugExit.Exit(QemuDebugExit.Success);
            if (Options is not null && Options.AfterReady == AfterReadyAction.PowerOff)
                SystemPower.Off();
            if (Options is not null && Options.AfterReady == AfterReadyAction.Reboot)
                SystemPower.Reboot();
            if (Options is not null && Options.AfterReady == AfterReadyAction.Panic)
                Diagnostics.Panic.Halt("deliberate panic (after-ready=panic)");
            Cpu.IdleForever();
        }
    }
}
