// Logs the boot summary: protocol and loader, command line, memory map with total usable RAM, framebuffer,
// ACPI RSDP, modules, then every warning from parsing and from the command-line options. Only reads the
// BootInfo; allocation-free like all logging.
using System;
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.Text;

namespace MinimalOS.Kernel.Boot
{
    public static class BootInfoLog
    {
        private const string Subsystem = "boot";

        /// <summary>Long texts are split over several lines of this many characters.</summary>
        public const int TextChunk = 160;

        public static void Write(BootInfo info, KernelOptions options)
        {
            if (info.Error != BootInfoError.None)
            {
                WriteError(info);
                return;
            }
            Log.Info(Subsystem, $"protocol {ProtocolName(info.Protocol)}, boot loader \"{info.BootLoaderName.Span}\"");
            WriteText("command line", info.CommandLine.Span);
            WriteMemoryMap(info);
            WriteFramebuffer(info);
            WriteRsdp(info);
            WriteModules(info);
            if (info.EfiMemoryMapDescriptors >= 0)
                Log.Debug(Subsystem, $"EFI memory map: {info.EfiMemoryMapDescriptors} descriptors (the Multiboot memory map is used)");
            if (info.IgnoredTagTypes != 0)
                Log.Debug(Subsystem, $"Multiboot 2 tag types present but not used (bit mask): 0x{info.IgnoredTagTypes:x}");
            WriteWarnings(info.Warnings);
            WriteOptionProblems(options);
        }

        private static void WriteError(BootInfo info)
        {
            if (info.Error == BootInfoError.UnrecognizedMagic)
                Log.Error(Subsystem, $"unrecognized boot magic 0x{info.ErrorDetail:x8} (neither Multiboot 1 nor 2): no boot information");
            else
                Log.Error(Subsystem, $"{ProtocolName(info.Protocol)} boot information at 0x{info.ErrorDetail:x} is not readable: no boot information");
        }

        private static void WriteText(string label, ReadOnlySpan<char> text)
        {
            if (text.Length <= TextChunk)
            {
                Log.Info(Subsystem, $"{label}: \"{text}\"");
                return;
            }
            int part = 1;
            for (int start = 0; start < text.Length; start += TextChunk, part++)
            {
                int length = text.Length - start < TextChunk ? text.Length - start : TextChunk;
                Log.Info(Subsystem, $"{label} (part {part}): \"{text.Slice(start, length)}\"");
            }
        }

        private static void WriteMemoryMap(BootInfo info)
        {
            MemoryMap map = info.MemoryMap;
            Log.Info(Subsystem, $"memory map: {map.Count} regions (first byte - last byte, size, kind)");
            for (int i = 0; i < map.Count; i++)
            {
                MemoryRegion region = map[i];
                string unit = ExactSize(region.Length, out ulong amount);
                if (region.Kind == MemoryKind.Unrecognized)
                    Log.Info(Subsystem, $"  0x{region.Base.Value:x16} - 0x{region.End - 1:x16}  {amount} {unit}  unrecognized type {region.FirmwareType} (treated as reserved)");
                else
                    Log.Info(Subsystem, $"  0x{region.Base.Value:x16} - 0x{region.End - 1:x16}  {amount} {unit}  {KindName(region.Kind)}");
            }
            ulong usable = map.TotalUsableBytes;
            Log.Info(Subsystem, $"usable RAM: {usable >> 20} MiB ({usable} bytes)");
        }

        private static void WriteFramebuffer(BootInfo info)
        {
            FramebufferInfo fb = info.Framebuffer;
            switch (info.FramebufferKind)
            {
                case FramebufferKind.None:
                    Log.Info(Subsystem, $"framebuffer: none");
                    break;
                case FramebufferKind.Rgb:
                    Log.Info(Subsystem, $"framebuffer: 0x{fb.PhysicalAddress:x} {fb.Width}x{fb.Height}, pitch {fb.Pitch}, {fb.BitsPerPixel} bpp, RGB (red {fb.RedPosition}:{fb.RedSize}, green {fb.GreenPosition}:{fb.GreenSize}, blue {fb.BluePosition}:{fb.BlueSize}){(info.HasUsableFramebuffer ? "" : ", not usable")}");
                    break;
                case FramebufferKind.Indexed:
                    Log.Info(Subsystem, $"framebuffer: 0x{fb.PhysicalAddress:x} {fb.Width}x{fb.Height}, {fb.BitsPerPixel} bpp, indexed colour: not usable");
                    break;
                case FramebufferKind.EgaText:
                    Log.Info(Subsystem, $"framebuffer: 0x{fb.PhysicalAddress:x} EGA text {fb.Width}x{fb.Height} characters: not usable");
                    break;
                default:
                    Log.Info(Subsystem, $"framebuffer: 0x{fb.PhysicalAddress:x} of unknown type: not usable");
                    break;
            }
        }

        private static void WriteRsdp(BootInfo info)
        {
            if (!info.HasRsdp)
            {
                Log.Info(Subsystem, $"ACPI RSDP: not found");
                return;
            }
            RsdpInfo rsdp = info.Rsdp;
            if (rsdp.ExtendedValid)
                Log.Info(Subsystem, $"ACPI RSDP: revision {rsdp.Revision} at 0x{rsdp.Address.Value:x} ({SourceName(rsdp.Source)}), RSDT 0x{rsdp.RsdtAddress.Value:x}, XSDT 0x{rsdp.XsdtAddress.Value:x}");
            else
                Log.Info(Subsystem, $"ACPI RSDP: revision {rsdp.Revision} at 0x{rsdp.Address.Value:x} ({SourceName(rsdp.Source)}), RSDT 0x{rsdp.RsdtAddress.Value:x}");
        }

        private static void WriteModules(BootInfo info)
        {
            BootModules modules = info.Modules;
            if (modules.Count == 0)
            {
                Log.Info(Subsystem, $"modules: none");
                return;
            }
            Log.Info(Subsystem, $"modules: {modules.Count}");
            for (int i = 0; i < modules.Count; i++)
            {
                BootModule module = modules[i];
                Log.Info(Subsystem, $"  module {i}: 0x{module.Start.Value:x} - 0x{module.End.Value:x} ({module.Length} bytes)");
                WriteText("  module string", module.Text.Span);
            }
        }

        private static void WriteWarnings(BootWarnings warnings)
        {
            Span<byte> line = stackalloc byte[LogMessage.Capacity];
            for (int i = 0; i < warnings.Count; i++)
            {
                var writer = new TextWriterSpan(line);
                warnings[i].Describe(ref writer);
                Log.Write(LogLevel.Warn, Subsystem, writer.Written);
            }
            if (warnings.Dropped > 0)
                Log.Warn(Subsystem, $"{warnings.Dropped} more boot information warnings were dropped");
        }

        private static void WriteOptionProblems(KernelOptions options)
        {
            KernelCommandLine commandLine = options.CommandLine;
            if (commandLine.UnterminatedQuote)
                Log.Warn(Subsystem, $"command line: a double quote is not closed; the last option runs to the end");
            if (commandLine.TooManyOptions)
                Log.Warn(Subsystem, $"command line: more than {KernelCommandLine.MaxOptions} options; the rest are ignored");
            for (int i = 0; i < options.ProblemCount; i++)
            {
                KernelOptionProblem problem = options.Problem(i);
                ReadOnlySpan<char> key = commandLine.Key(problem.OptionIndex);
                switch (problem.Kind)
                {
                    case KernelOptionProblemKind.Unknown:
                        Log.Warn(Subsystem, $"unknown kernel option \"{key}\" ignored");
                        break;
                    case KernelOptionProblemKind.ValueNotExpected:
                        Log.Warn(Subsystem, $"kernel option \"{key}\" takes no value; ignored");
                        break;
                    case KernelOptionProblemKind.ValueMissing:
                        Log.Warn(Subsystem, $"kernel option \"{key}\" needs a value ({KernelOptions.AcceptedValues(key)}); ignored");
                        break;
                    default:
                        Log.Warn(Subsystem, $"kernel option \"{key}\" has an invalid value \"{commandLine.Value(problem.OptionIndex)}\" (expected {KernelOptions.AcceptedValues(key)}); ignored");
                        break;
                }
            }
        }

        // The largest binary unit that states the size exactly, so no rounding hides a partial page.
        private static string ExactSize(ulong bytes, out ulong amount)
        {
            const ulong KiB = 1024, MiB = KiB * 1024, GiB = MiB * 1024;
            if (bytes != 0 && bytes % GiB == 0) { amount = bytes / GiB; return "GiB"; }
            if (bytes != 0 && bytes % MiB == 0) { amount = bytes / MiB; return "MiB"; }
            if (bytes != 0 && bytes % KiB == 0) { amount = bytes / KiB; return "KiB"; }
            amount = bytes;
            return "bytes";
        }

        public static string ProtocolName(BootProtocol protocol) => protocol switch
        {
            BootProtocol.Multiboot1 => "Multiboot 1",
            BootProtocol.Multiboot2 => "Multiboot 2",
            _ => "unknown protocol",
        };

        public static string KindName(MemoryKind kind) => kind switch
        {
            MemoryKind.Usable => "usable",
            MemoryKind.Reserved => "reserved",
            MemoryKind.AcpiReclaimable => "ACPI reclaimable",
            MemoryKind.AcpiNvs => "ACPI NVS",
            MemoryKind.BadMemory => "bad memory",
            _ => "unrecognized (reserved)",
        };

        private static string SourceName(RsdpSource source) => source switch
        {
            RsdpSource.EbdaScan => "found in the EBDA",
            RsdpSource.BiosAreaScan => "found in the BIOS area",
            RsdpSource.Multiboot2OldTag => "copy in the Multiboot 2 ACPI 1.0 tag",
            RsdpSource.Multiboot2NewTag => "copy in the Multiboot 2 ACPI 2.0 tag",
            _ => "unknown source",
        };
    }
}
