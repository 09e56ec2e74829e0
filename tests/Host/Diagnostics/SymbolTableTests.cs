// Tests of the embedded symbol table reader: lookups at, inside, between, before and after functions,
// exact-address type lookups, and refusal (never a crash) of corrupt or truncated tables.
using System;
using System.Buffers.Binary;
using System.Text;
using MinimalOS.Kernel.Diagnostics;
using Xunit;

namespace MinimalOS.Tests.Host.Diagnostics
{
    public class SymbolTableTests
    {
        private const ulong ImageBase = 0xFFFFFFFF80100000;
        private const ulong First = ImageBase + 0x1000;   // 0x40 bytes
        private const ulong Second = ImageBase + 0x1080;  // 0x20 bytes, after a gap of 0x40
        private const ulong ExceptionType = ImageBase + 0x6000;

        private static byte[] SampleTable() => new SymbolTableBuilder(ImageBase)
            .Function(First, 0x40, "first_function")
            .Function(Second, 0x20, "MinimalOS_Kernel_MinimalOS_Kernel_Logging_Log__Emit")
            .Type(ExceptionType, "_ZTV34MinimalOS_Corelib_System_Exception")
            .Build();

        private static string FunctionAt(byte[] bytes, ulong address, out ulong start)
        {
            start = 0;
            Assert.True(SymbolTable.TryOpen(bytes, out SymbolTable table));
            if (!table.TryFindFunction(address, out SymbolMatch match))
                return null;
            start = match.Start;
            return Encoding.ASCII.GetString(match.Name);
        }

        [Fact]
        public void OpensAValidTable()
        {
            Assert.True(SymbolTable.TryOpen(SampleTable(), out SymbolTable table));
            Assert.Equal(3, table.Count);
            Assert.Equal(ImageBase, table.ImageBase);
        }

        [Fact]
        public void FindsAFunctionAtItsExactStart()
        {
            Assert.Equal("first_function", FunctionAt(SampleTable(), First, out ulong start));
            Assert.Equal(First, start);
        }

        [Fact]
        public void FindsAFunctionFromInsideIt()
        {
            Assert.Equal("first_function", FunctionAt(SampleTable(), First + 0x3F, out _));
            Assert.Equal("MinimalOS_Kernel_MinimalOS_Kernel_Logging_Log__Emit", FunctionAt(SampleTable(), Second + 0x10, out ulong start));
            Assert.Equal(Second, start);
        }

        [Theory]
        [InlineData(First + 0x40)]           // just past the first function, in the gap
        [InlineData(Second - 1)]             // end of the gap
        [InlineData(First - 1)]              // before the first symbol
        [InlineData(ImageBase - 0x1000)]     // before the image
        [InlineData(Second + 0x20)]          // just past the last function
        [InlineData(ExceptionType)]          // a type is not a function
        [InlineData(0UL)]
        [InlineData(ulong.MaxValue)]
        public void FindsNoFunctionWhereThereIsNone(ulong address) =>
            Assert.Null(FunctionAt(SampleTable(), address, out _));

        [Fact]
        public void FindsATypeOnlyAtItsExactAddress()
        {
            Assert.True(SymbolTable.TryOpen(SampleTable(), out SymbolTable table));
            Assert.True(table.TryFindType(ExceptionType, out ReadOnlySpan<byte> name));
            Assert.Equal("_ZTV34MinimalOS_Corelib_System_Exception", Encoding.ASCII.GetString(name));
            Assert.False(table.TryFindType(ExceptionType + 8, out _));
            Assert.False(table.TryFindType(First, out _));
        }

        [Fact]
        public void EmptyTableFindsNothing()
        {
            SymbolTable table = default;
            Assert.False(table.TryFindFunction(First, out _));
            Assert.False(table.TryFindType(ExceptionType, out _));
            Assert.True(SymbolTable.TryOpen(new SymbolTableBuilder(ImageBase).Build(), out table));
            Assert.False(table.TryFindFunction(First, out _));
        }

        [Fact]
        public void ManySymbolsAreAllFound()
        {
            var builder = new SymbolTableBuilder(ImageBase);
            for (int i = 0; i < 1000; i++)
                builder.Function(ImageBase + 0x1000 + (ulong)i * 0x10, 0x8, "f" + i);
            byte[] bytes = builder.Build();
            for (int i = 0; i < 1000; i++)
            {
                ulong start = ImageBase + 0x1000 + (ulong)i * 0x10;
                Assert.Equal("f" + i, FunctionAt(bytes, start + 7, out _));
                Assert.Null(FunctionAt(bytes, start + 8, out _));
            }
        }

        // Each corruption must make TryOpen refuse the table (and leave it empty), never throw.
        [Theory]
        [InlineData("magic")]
        [InlineData("version")]
        [InlineData("entry size")]
        [InlineData("count beyond the data")]
        [InlineData("strings beyond the data")]
        [InlineData("strings overlap the entries")]
        [InlineData("name beyond the strings")]
        [InlineData("unknown kind")]
        [InlineData("unsorted")]
        [InlineData("reserved header field")]
        [InlineData("empty name")]
        public void RefusesCorruptTables(string corruption)
        {
            byte[] bytes = SampleTable();
            Span<byte> b = bytes;
            int entry1 = SymbolTable.HeaderSize + SymbolTable.EntrySize;
            switch (corruption)
            {
                case "magic": b[0] ^= 1; break;
                case "version": BinaryPrimitives.WriteUInt16LittleEndian(b.Slice(4), 2); break;
                case "entry size": BinaryPrimitives.WriteUInt16LittleEndian(b.Slice(6), 12); break;
                case "count beyond the data": BinaryPrimitives.WriteUInt32LittleEndian(b.Slice(16), 0x10000000); break;
                case "strings beyond the data": BinaryPrimitives.WriteUInt32LittleEndian(b.Slice(24), 0xFFFFFF00); break;
                case "strings overlap the entries": BinaryPrimitives.WriteUInt32LittleEndian(b.Slice(20), SymbolTable.HeaderSize + 8); break;
                case "name beyond the strings": BinaryPrimitives.WriteUInt32LittleEndian(b.Slice(entry1 + 8), 0x7FFFFFFF); break;
                case "unknown kind": b[entry1 + 14] = 7; break;
                case "unsorted": BinaryPrimitives.WriteUInt32LittleEndian(b.Slice(entry1), 0x10); break;
                case "reserved header field": b[28] = 1; break;
                case "empty name": BinaryPrimitives.WriteUInt16LittleEndian(b.Slice(entry1 + 12), 0); break;
            }
            Assert.False(SymbolTable.TryOpen(bytes, out SymbolTable table));
            Assert.Equal(0, table.Count);
            Assert.False(table.TryFindFunction(First, out _));
        }

        [Fact]
        public void RefusesEveryTruncationOfAValidTable()
        {
            byte[] bytes = SampleTable();
            for (int length = 0; length < bytes.Length; length++)
                Assert.False(SymbolTable.TryOpen(bytes.AsSpan(0, length), out _), $"accepted {length} of {bytes.Length} bytes");
        }

        [Fact]
        public void AcceptsZeroPaddingAfterTheTable()
        {
            // The build pads the table to the room reserved for it.
            byte[] bytes = SampleTable();
            Array.Resize(ref bytes, bytes.Length + 13);
            Assert.Equal("first_function", FunctionAt(bytes, First, out _));
        }

        [Fact]
        public void RefusesTheAllZeroPlaceholder() => Assert.False(SymbolTable.TryOpen(new byte[4096], out _));
    }
}
