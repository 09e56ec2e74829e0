// Tests of the light demangling of ilc symbol names and of MethodTable symbols into type names.
using System;
using System.Text;
using MinimalOS.Kernel.Diagnostics;
using MinimalOS.Kernel.Text;
using Xunit;

namespace MinimalOS.Tests.Host.Diagnostics
{
    public class SymbolNamesTests
    {
        private static string Readable(string raw)
        {
            Span<byte> buffer = stackalloc byte[256];
            var writer = new TextWriterSpan(buffer);
            SymbolNames.AppendReadable(ref writer, Encoding.ASCII.GetBytes(raw));
            return Encoding.ASCII.GetString(writer.Written);
        }

        private static string TypeName(string methodTableSymbol)
        {
            Span<byte> buffer = stackalloc byte[256];
            var writer = new TextWriterSpan(buffer);
            if (!SymbolNames.TryAppendTypeName(ref writer, Encoding.ASCII.GetBytes(methodTableSymbol)))
            {
                Assert.Equal(0, writer.Length);
                return null;
            }
            return Encoding.ASCII.GetString(writer.Written);
        }

        [Theory]
        [InlineData("MinimalOS_Kernel_MinimalOS_Kernel_Logging_Log__Emit", "MinimalOS.Kernel.Logging.Log::Emit")]
        [InlineData("MinimalOS_Kernel_MinimalOS_Kernel_Arch_X86_64_SerialLogSink__WriteLine", "MinimalOS.Kernel.Arch.X86_64.SerialLogSink::WriteLine")]
        [InlineData("MinimalOS_Corelib_System_Exception__get_DefaultMessage", "System.Exception::get_DefaultMessage")]
        [InlineData("MinimalOS_Kernel_MinimalOS_Kernel_Text_TextWriterSpan__Append_1", "MinimalOS.Kernel.Text.TextWriterSpan::Append_1")]
        [InlineData("MinimalOS_Corelib_System_ReadOnlySpan_1<UInt8>__CopyTo", "System.ReadOnlySpan<UInt8>::CopyTo")]
        [InlineData("MinimalOS_Corelib_System_Span_1<MinimalOS_Kernel_MinimalOS_Kernel_Tests_KernelTest>__Slice", "System.Span<MinimalOS.Kernel.Tests.KernelTest>::Slice")]
        [InlineData("MinimalOS_Corelib_Internal_Runtime_RuntimeExports__RhpNewFast", "Internal.Runtime.RuntimeExports::RhpNewFast")]
        public void ReadsIlcMethodNames(string raw, string expected) => Assert.Equal(expected, Readable(raw));

        [Theory]
        [InlineData("_start32.higher_half")]
        [InlineData("cpu_read_cr3")]
        [InlineData("RhpInitialDynamicInterfaceDispatch")]
        [InlineData("Internal_CompilerGenerated__Module___NativeLibraryStartup")]
        [InlineData("")]
        public void LeavesOtherNamesAsTheyAre(string raw) => Assert.Equal(raw, Readable(raw));

        [Fact]
        public void ANameWithoutAMethodIsAType() =>
            Assert.Equal("MinimalOS.Kernel.Logging.Log", Readable("MinimalOS_Kernel_MinimalOS_Kernel_Logging_Log"));

        [Theory]
        [InlineData("_ZTV50MinimalOS_Corelib_System_InvalidOperationException", "System.InvalidOperationException")]
        [InlineData("_ZTV59MinimalOS_Kernel_MinimalOS_Kernel_Arch_X86_64_SerialLogSink", "MinimalOS.Kernel.Arch.X86_64.SerialLogSink")]
        [InlineData("_ZTV6Object", "System.Object")]
        [InlineData("_ZTV6String", "System.String")]
        [InlineData("_ZTV11Boxed_Int32", "System.Int32")]
        [InlineData("_ZTV10Boxed_Bool", "System.Boolean")]
        [InlineData("_ZTV56Boxed_MinimalOS_Kernel_MinimalOS_Kernel_Tests_KernelTest", "MinimalOS.Kernel.Tests.KernelTest")]
        [InlineData("_ZTV14__Array<Int32>", "System.Int32[]")]
        [InlineData("_ZTV14__Array<UInt8>", "System.Byte[]")]
        [InlineData("_ZTV15__Array<String>", "System.String[]")]
        [InlineData("_ZTV19__MDArray<Object,2>", "System.Object[,]")]
        [InlineData("_ZTV18__MDArray<Int32,3>", "System.Int32[,,]")]
        [InlineData("_ZTV59__Array<MinimalOS_Kernel_MinimalOS_Kernel_Tests_KernelTest>", "MinimalOS.Kernel.Tests.KernelTest[]")]
        [InlineData("_ZTV12__Array<Foo>", "Foo[]")]
        [InlineData("_ZTV16__MDArray<Foo,x>", "__MDArray<Foo,x>")]
        public void ReadsMethodTableSymbolsAsTypeNames(string symbol, string expected) => Assert.Equal(expected, TypeName(symbol));

        [Theory]
        [InlineData("_ZTV")]
        [InlineData("_ZTV0")]
        [InlineData("_ZTV6Objec")]
        [InlineData("_ZTV6Objects")]
        [InlineData("_ZTVObject")]
        [InlineData("_ZTV99999999999999999999Object")]
        [InlineData("MinimalOS_Corelib_System_Exception")]
        [InlineData("_ZTI6Object")]
        public void RefusesSymbolsThatAreNotMethodTables(string symbol) => Assert.Null(TypeName(symbol));

        [Fact]
        public void CutsOffAtTheBufferWithoutThrowing()
        {
            Span<byte> buffer = stackalloc byte[10];
            var writer = new TextWriterSpan(buffer);
            SymbolNames.AppendReadable(ref writer, Encoding.ASCII.GetBytes("MinimalOS_Kernel_MinimalOS_Kernel_Logging_Log__Emit"));
            Assert.Equal("MinimalOS.", Encoding.ASCII.GetString(writer.Written));
            Assert.True(writer.Truncated);
        }
    }
}
