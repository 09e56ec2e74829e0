// Where the AP start-up code sits in the kernel image (read-only data: it is copied, never run in place),
// as Native/smp_trampoline.asm's table reports it: start, length and the offset of its data block.
using System.Runtime;
using System.Runtime.CompilerServices;

namespace MinimalOS.Kernel.Arch.X86_64.Smp
{
    internal static unsafe class TrampolineBlob
    {
        [RuntimeImport("*", "smp_trampoline_blob")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern ulong* Table();

        public static byte* Start => (byte*)Table()[0];

        public static ulong Length => Table()[1];

        public static ulong DataOffset => Table()[2];
    }
}
