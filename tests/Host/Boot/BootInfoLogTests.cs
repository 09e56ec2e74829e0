// Host tests of the boot summary the kernel logs: every field, each warning at warn level, option
// problems, long command lines, unusable boot information.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Text;
using Xunit;

namespace MinimalOS.Tests.Host.Boot
{
    // Uses the static Log, like the logging tests, so it shares their collection (no parallel runs).
    [Collection("Log")]
    public class BootInfoLogTests
    {
        private sealed class CaptureSink : ILogSink
        {
            public readonly List<(LogLevel Level, string Text)> Lines = new();

            public void WriteLine(LogLevel level, ReadOnlySpan<byte> line)
            {
                string text = Encoding.UTF8.GetString(line);
                Lines.Add((level, text.Substring(text.IndexOf("boot: ", StringComparison.Ordinal) + 6)));
            }
        }

        private static List<(LogLevel Level, string Text)> Capture(BootInfo info, string commandLine = null)
        {
            var sink = new CaptureSink();
            LogLevel previous = Log.MinimumLevel;
            Log.AddSink(sink, replayHistory: false);
            try
            {
                Log.MinimumLevel = LogLevel.Trace;
                BootText text = commandLine is null ? info.CommandLine : BootTestText.From(commandLine);
                BootInfoLog.Write(info, KernelOptions.From(KernelCommandLine.Parse(text, info.CommandLineStartsWithImageName)));
            }
            finally
            {
                Log.RemoveSink(sink);
                Log.MinimumLevel = previous;
            }
            return sink.Lines;
        }

        [Fact]
        public void WritesTheBootSummary()
        {
            var image = new Multiboot1Image()
                .WithBootLoaderName("qemu")
                .WithCommandLine("kernel.elf exit-on-ready")
                .WithMemoryMap((0, 0x9FC00, 1), (0x100000, 0x7EE0000, 1), (0xFFFC0000, 0x40000, 2), (0x1_0000_0000, 0x1000, 20))
                .WithModules((0x300000, 0x300800, "init"));
            image.Memory.Write(0xF59D0, RsdpImage.Version1(0x7FE1AD8));
            BootInfo info = image.Parse();

            string[] lines = Capture(info).Select(l => l.Text).ToArray();

            Assert.Equal(new[]
            {
                "protocol Multiboot 1, boot loader \"qemu\"",
                "command line: \"kernel.elf exit-on-ready\"",
                "memory map: 4 regions (first byte - last byte, size, kind)",
                "  0x0000000000000000 - 0x000000000009fbff  639 KiB  usable",
                "  0x0000000000100000 - 0x0000000007fdffff  129920 KiB  usable",
                "  0x00000000fffc0000 - 0x00000000ffffffff  256 KiB  reserved",
                "  0x0000000100000000 - 0x0000000100000fff  4 KiB  unrecognized type 20 (treated as reserved)",
                "usable RAM: 127 MiB (133692416 bytes)",
                "framebuffer: none",
                "ACPI RSDP: revision 0 at 0xf59d0 (found in the BIOS area), RSDT 0x7fe1ad8",
                "modules: 1",
                "  module 0: 0x300000 - 0x300800 (2048 bytes)",
                "  module string: \"init\"",
            }, lines);
        }

        [Fact]
        public void DescribesFramebuffersAndVersion2Rsdp()
        {
            BootInfo info = new Multiboot2Image()
                .Framebuffer(0x80000000, 4096, 1024, 768, 32, 1, 16, 8, 8, 8, 0, 8)
                .AcpiNew(RsdpImage.Version2(0x1000, 0x2000))
                .End().Parse();

            var lines = Capture(info);

            Assert.Contains((LogLevel.Info, "framebuffer: 0x80000000 1024x768, pitch 4096, 32 bpp, RGB (red 16:8, green 8:8, blue 0:8)"), lines);
            Assert.Contains((LogLevel.Info, "ACPI RSDP: revision 2 at 0x200038 (copy in the Multiboot 2 ACPI 2.0 tag), RSDT 0x1000, XSDT 0x2000"), lines);
        }

        [Fact]
        public void LogsEveryWarningAtWarnLevel()
        {
            BootInfo info = new Multiboot2Image().CommandLine("x").RawTag(2, 0, Array.Empty<byte>()).Parse();

            var warnings = Capture(info).Where(l => l.Level == LogLevel.Warn).Select(l => l.Text).ToArray();

            Assert.Contains("tag list: tag at offset 24 has size 0 (below 8); the rest of the list is skipped", warnings);
            Assert.Contains("memory map: the loader gave neither a memory map nor basic memory info", warnings);
            Assert.Contains("unknown kernel option \"x\" ignored", warnings);
        }

        [Fact]
        public void ReportsOptionProblemsWithTheAcceptedValues()
        {
            BootInfo info = new Multiboot2Image().BasicMemory(640, 1024).End().Parse();

            var warnings = Capture(info, "loglevel=loud serial.colour \"unclosed").Where(l => l.Level == LogLevel.Warn).Select(l => l.Text).ToArray();

            Assert.Contains("kernel option \"loglevel\" has an invalid value \"loud\" (expected trace|debug|info|warn|error); ignored", warnings);
            Assert.Contains("kernel option \"serial.colour\" needs a value (on|off); ignored", warnings);
            Assert.Contains("command line: a double quote is not closed; the last option runs to the end", warnings);
        }

        [Fact]
        public void SplitsALongCommandLineOverSeveralLines()
        {
            string longText = new string('a', BootInfoLog.TextChunk) + new string('b', 10);
            BootInfo info = new Multiboot2Image().CommandLine(longText).End().Parse();

            var lines = Capture(info).Select(l => l.Text).ToArray();

            Assert.Contains("command line (part 1): \"" + new string('a', BootInfoLog.TextChunk) + "\"", lines);
            Assert.Contains("command line (part 2): \"bbbbbbbbbb\"", lines);
        }

        [Fact]
        public void ReportsUnusableBootInformationAsAnError()
        {
            var lines = Capture(BootInfoParser.Parse(0xDEADBEEF, new PhysicalAddress(0), new FakePhysicalMemory()));

            Assert.Equal(new[] { (LogLevel.Error, "unrecognized boot magic 0xdeadbeef (neither Multiboot 1 nor 2): no boot information") }, lines);
        }

        [Fact]
        public void EveryWarningCodeHasItsOwnText()
        {
            Span<byte> buffer = stackalloc byte[LogMessage.Capacity];
            foreach (BootWarningCode code in Enum.GetValues<BootWarningCode>())
            {
                var writer = new TextWriterSpan(buffer);
                new BootWarning(code, BootSubject.MemoryMap, 1, 2).Describe(ref writer);
                string text = Encoding.ASCII.GetString(writer.Written);
                Assert.StartsWith("memory map: ", text);
                Assert.DoesNotContain("warning " + (int)code, text);
                Assert.False(writer.Truncated);
            }
        }
    }
}
