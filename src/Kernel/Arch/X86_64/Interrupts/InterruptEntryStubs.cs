// The per-vector entry stubs of Native/interrupt_entry.asm as C# sees them: their addresses, for the IDT.
using System.Runtime;
using System.Runtime.CompilerServices;

namespace MinimalOS.Kernel.Arch.X86_64.Interrupts
{
    internal static unsafe class InterruptEntryStubs
    {
        [RuntimeImport("*", "interrupt_stub_table_address")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern ulong* TableAddress();

        /// <summary>256 stub addresses, indexed by vector.</summary>
        public static ulong* Table => TableAddress();
    }
}
