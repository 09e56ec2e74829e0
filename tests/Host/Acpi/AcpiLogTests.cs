// Host tests of the ACPI summary the kernel logs: table signatures, the MADT/FADT/HPET lines, and every
// warning at warn level with the offending table named.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using MinimalOS.Kernel.Acpi;
using MinimalOS.Kernel.Logging;
using Xunit;

namespace MinimalOS.Tests.Host.Acpi
{
    // Uses the static Log, like the logging tests, so it shares their collection (no parallel runs).
    [Collection("Log")]
    public class AcpiLogTests
    {
        private sealed class CaptureSink : ILogSink
        {
            public readonly List<(LogLevel Level, string Text)> Lines = new();

            public void WriteLine(LogLevel level, ReadOnlySpan<byte> line)
            {
                string text = Encoding.UTF8.GetString(line);
                int start = text.IndexOf("acpi: ", StringComparison.Ordinal);
                Lines.Add((level, start < 0 ? text : text.Substring(start + 6)));
            }
        }

        private static List<(LogLevel Level, string Text)> Capture(AcpiTables tables)
        {
            var sink = new CaptureSink();
            LogLevel previous = Log.MinimumLevel;
            Log.AddSink(sink, replayHistory: false);
            try
            {
                Log.MinimumLevel = LogLevel.Trace;
                AcpiLog.Write(tables);
            }
            finally
            {
                Log.RemoveSink(sink);
                Log.MinimumLevel = previous;
            }
            return sink.Lines;
        }

        private static AcpiTables Tables(byte[] madt)
        {
            byte[] hpet = AcpiImage.Table("HPET", 1, new AcpiImage.Body().U32(0x8086_A201).U8(0, 64, 0, 0).U64(0xFED0_0000).U8(0).U16(0).U8(0).ToArray());
            var memory = AcpiImage.Memory((0x1000, AcpiImage.Rsdt(0x2000, 0x3000)), (0x2000, madt), (0x3000, hpet));
            return AcpiTablesParser.Parse(AcpiImage.Rsdp(0x1000, 0), memory);
        }

        [Fact]
        public void SummaryNamesEveryTableAndMadtDetail()
        {
            byte[] madt = AcpiImage.Table("APIC", 1, new AcpiImage.Body().U32(0xFEE0_0000).U32(1)
                .U8(0, 8, 0, 0).U32(1).U8(1, 12, 0, 0).U32(0xFEC0_0000).U32(0).U8(2, 10, 0, 0).U32(2).U16(0).ToArray());
            List<(LogLevel Level, string Text)> lines = Capture(Tables(madt));
            string all = string.Join("\n", lines.Select(l => l.Text));

            Assert.Contains("RSDT at 0x1000 lists 2 valid tables", all);
            Assert.Contains("  APIC at 0x2000", all);
            Assert.Contains("  HPET at 0x3000", all);
            Assert.Contains("local APIC at 0xfee00000, legacy PICs present, 1 of 1 CPUs enabled", all);
            Assert.Contains("I/O APIC id 0 at 0xfec00000, GSI base 0", all);
            Assert.Contains("override: bus 0 IRQ 0 -> GSI 2", all);
            Assert.Contains("HPET at memory 0xfed00000: 3 comparators", all);
            Assert.Contains(lines, l => l.Level == LogLevel.Warn && l.Text.Contains("no usable FADT"));
        }

        [Fact]
        public void BadChecksumIsAWarningNamingTheTable()
        {
            byte[] madt = AcpiImage.Table("APIC", 1, new byte[8]);
            madt[36] ^= 1;
            List<(LogLevel Level, string Text)> lines = Capture(Tables(madt));

            Assert.Contains(lines, l => l.Level == LogLevel.Warn && l.Text == "bad checksum, table skipped: APIC at 0x2000");
            Assert.Contains(lines, l => l.Level == LogLevel.Warn && l.Text.Contains("no usable MADT"));
        }
    }
}
