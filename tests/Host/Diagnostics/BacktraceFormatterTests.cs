// Tests of the "#n 0xADDR Symbol+0xOFF" frame format, including return-address attribution and "??".
using System;
using System.Text;
using MinimalOS.Kernel.Diagnostics;
using MinimalOS.Kernel.Text;
using Xunit;

namespace MinimalOS.Tests.Host.Diagnostics
{
    public class BacktraceFormatterTests
    {
        private const ulong ImageBase = 0xFFFFFFFF80100000;
        private const ulong Emit = 0xFFFFFFFF80102F10;
        private const ulong Next = 0xFFFFFFFF80102FA0;

        private static readonly byte[] Table = new SymbolTableBuilder(ImageBase)
            .Function(Emit, 0x90, "MinimalOS_Kernel_MinimalOS_Kernel_Logging_Log__Emit")
            .Function(Next, 0x10, "cpu_halt")
            .Build();

        private static string Frame(int index, ulong address, bool isReturnAddress, byte[] table = null)
        {
            SymbolTable.TryOpen(table ?? Table, out SymbolTable symbols);
            Span<byte> buffer = stackalloc byte[160];
            var writer = new TextWriterSpan(buffer);
            BacktraceFormatter.AppendFrame(ref writer, index, address, isReturnAddress, in symbols);
            return Encoding.ASCII.GetString(writer.Written);
        }

        [Fact]
        public void NamesTheFunctionAndOffset() =>
            Assert.Equal("#2 0xffffffff80102f3c MinimalOS.Kernel.Logging.Log::Emit+0x2c", Frame(2, Emit + 0x2C, true));

        [Fact]
        public void AttributesAReturnAddressToTheCallBeforeIt()
        {
            // A call that never returns can be the last instruction: its return address is the next function.
            Assert.Equal("#0 0xffffffff80102fa0 MinimalOS.Kernel.Logging.Log::Emit+0x90", Frame(0, Next, true));
            Assert.Equal("#0 0xffffffff80102fa0 cpu_halt+0x0", Frame(0, Next, false));
        }

        [Fact]
        public void PrintsQuestionMarksForUnknownAddresses()
        {
            Assert.Equal("#1 0x0000000000001234 ??", Frame(1, 0x1234, false));
            Assert.Equal("#1 0x0000000000000000 ??", Frame(1, 0, true));
            Assert.Equal("#5 0xffffffff80102f3c ??", Frame(5, Emit + 0x2C, true, new byte[16]));
        }
    }
}
