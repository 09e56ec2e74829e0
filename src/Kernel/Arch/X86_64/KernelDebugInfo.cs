// What the panic path and backtraces read about the running kernel image: the embedded symbol table, the
// .eh_frame unwind information, the code range and the bounds of the current stack (from the linker
// symbols in KernelImageLayout, and the per-CPU interrupt stacks). A missing or corrupt symbol table yields an empty one (names print "??").
using System;
using MinimalOS.Kernel.Text;
using MinimalOS.Kernel.Diagnostics;
using MinimalOS.Kernel.Memory;

namespace MinimalOS.Kernel.Arch.X86_64
{
    internal static unsafe class KernelDebugInfo
    {
        /// <summary>The validated symbol table; empty when missing, corrupt or built for another image.</summary>
        public static SymbolTable Symbols
        {
            get
            {
                KernelImageLayout* layout = KernelImageLayout.Current;
                ReadOnlySpan<byte> bytes = Bytes(layout->KernelSymbolsStart, layout->KernelSymbolsEnd);
                if (!SymbolTable.TryOpen(bytes, out SymbolTable table) || table.ImageBase != layout->ImageStart)
                    return default;
                return table;
            }
        }

        /// <summary>Appends the readable name of the type whose MethodTable is at <paramref name="methodTable"/>.</summary>
        public static bool TryAppendTypeName(ref TextWriterSpan writer, ulong methodTable)
        {
            SymbolTable symbols = Symbols;
            return symbols.TryFindType(methodTable, out ReadOnlySpan<byte> symbol) && SymbolNames.TryAppendTypeName(ref writer, symbol);
        }

        public static EhFrameSection UnwindInfo
        {
            get
            {
                KernelImageLayout* layout = KernelImageLayout.Current;
                return new EhFrameSection(Bytes(layout->EhFrameStart, layout->EhFrameEnd), layout->EhFrameStart);
            }
        }

        public static AddressRange Code => new AddressRange(KernelImageLayout.Current->TextStart, KernelImageLayout.Current->TextEnd);

        /// <summary>
        /// The stack <paramref name="stackPointer"/> is on, or an empty window (nothing readable) when it is
        /// on no stack the kernel knows: the boot stack or any CPU's interrupt (IST) stacks. A pointer inside a
        /// stack's guard page (an overflow) gets that stack too, so the frames above can still be unwound:
        /// StackMemory reads only inside the window, never the unmapped guard page.
        /// </summary>
        public static StackMemory StackContaining(ulong stackPointer)
        {
            KernelImageLayout* layout = KernelImageLayout.Current;
            if (stackPointer >= layout->BootStackBottom - PageSize.Small && stackPointer <= layout->BootStackTop)
                return new StackMemory(Bytes(layout->BootStackBottom, layout->BootStackTop), layout->BootStackBottom);
            if (Interrupts.CpuLocals.TryFindInterruptStack(stackPointer, out KernelStack stack, out _, out _)
                || Interrupts.CpuLocals.TryFindInterruptStack(stackPointer + PageSize.Small, out stack, out _, out _))
                return new StackMemory(Bytes(stack.Bottom.Value, stack.Top.Value), stack.Bottom.Value);
            return default;
        }

        private static ReadOnlySpan<byte> Bytes(ulong start, ulong end)
        {
            if (end <= start || end - start > int.MaxValue)
                return default;
            return new ReadOnlySpan<byte>((void*)start, (int)(end - start));
        }
    }
}
