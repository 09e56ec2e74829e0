// Where the linker put the kernel's sections (virtual addresses), read from Native/image_layout.asm.
// The memory manager maps each range with its own permissions; start-up finds the module table here, and
// the panic path its symbol table, unwind information and stack bounds.
using System.Runtime;
using System.Runtime.CompilerServices;

namespace MinimalOS.Kernel.Arch.X86_64
{
    internal unsafe struct KernelImageLayout
    {
        public ulong ImageStart, ImageEnd;
        public ulong TextStart, TextEnd;
        public ulong RodataStart, RodataEnd;
        public ulong DataStart, DataEnd;
        public ulong BssStart, BssEnd;
        public ulong ModulesStart, ModulesEnd;
        public ulong EhFrameStart, EhFrameEnd;
        public ulong BootStackBottom, BootStackTop;
        public ulong KernelSymbolsStart, KernelSymbolsEnd;
        public ulong UserFaultTableStart, UserFaultTableEnd;

        /// <summary>Offset between the kernel's virtual and physical addresses (the higher-half base).</summary>
        public const ulong VirtualBase = 0xFFFFFFFF80000000;

        public static KernelImageLayout* Current => (KernelImageLayout*)LayoutTable();

        [RuntimeImport("*", "kernel_image_layout_address")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void* LayoutTable();
    }
}
