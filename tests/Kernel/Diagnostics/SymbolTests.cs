// Kernel tests of the symbol table embedded by the two-pass link: a function's address has its name, and
// an object's MethodTable names its type, the way panic reports read them.
using System;
using System.Runtime.CompilerServices;
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Diagnostics;
using MinimalOS.Kernel.Text;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class SymbolTests
    {
        public static void Register(KernelTestList tests)
        {
            tests.Add("Symbols.KnownFunctionAddressHasItsName", &KnownFunctionAddressHasItsName);
            tests.Add("Symbols.MethodTableNamesItsType", &MethodTableNamesItsType);
        }

        private static void KnownFunctionAddressHasItsName()
        {
            delegate*<int> function = &KnownFunction;
            SymbolTable symbols = KernelDebugInfo.Symbols;
            Expect.True(symbols.Count > 0, "the kernel embeds a valid symbol table");
            Expect.True(symbols.TryFindFunction((ulong)function, out SymbolMatch match), "the function's address is found");
            Expect.Equal((ulong)function, match.Start, "the symbol starts where the function does");
            Expect.True(RuntimeTests.Contains(match.Name, "MinimalOS_Kernel_Tests_SymbolTests__KnownFunction"), "raw ilc name");
            Span<byte> buffer = stackalloc byte[160];
            var text = new TextWriterSpan(buffer);
            BacktraceFormatter.AppendLocation(ref text, (ulong)function, false, in symbols);
            Expect.True(RuntimeTests.Contains(text.Written, "MinimalOS.Kernel.Tests.SymbolTests::KnownFunction+0x0"), "readable name");
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int KnownFunction() => 0x5EB01;

        private static void MethodTableNamesItsType()
        {
            object exception = new InvalidOperationException("typed");
            ulong methodTable = **(ulong**)Unsafe.AsPointer(ref exception);
            SymbolTable symbols = KernelDebugInfo.Symbols;
            Expect.True(symbols.TryFindType(methodTable, out ReadOnlySpan<byte> symbol), "the MethodTable has a symbol");
            Span<byte> buffer = stackalloc byte[120];
            var text = new TextWriterSpan(buffer);
            Expect.True(SymbolNames.TryAppendTypeName(ref text, symbol), "the symbol is a MethodTable's");
            Expect.True(RuntimeTests.Contains(text.Written, "System.InvalidOperationException") && text.Length == 32,
                "the type name is exactly System.InvalidOperationException");
        }
    }
}
