// Where the program's own image lies in its address space (text, rodata, data + bss: page-aligned, one
// after the other), read from the linker's symbols. Only describes: mapping it elsewhere is ChildProcess's.
using System.Runtime;
using System.Runtime.CompilerServices;

namespace MinimalOS.Tests.User.Common
{
    internal readonly struct ImageLayout
    {
        public readonly ulong TextStart;
        public readonly ulong RodataStart;
        public readonly ulong DataStart;
        public readonly ulong End;

        private ImageLayout(ulong text, ulong rodata, ulong data, ulong end)
        {
            TextStart = text;
            RodataStart = rodata;
            DataStart = data;
            End = end;
        }

        public static unsafe ImageLayout OfThisProgram()
        {
            ulong* bounds = stackalloc ulong[4];
            Read(bounds);
            return new ImageLayout(bounds[0], bounds[1], bounds[2], bounds[3]);
        }

        [RuntimeImport("*", "mnos_image_layout")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern unsafe void Read(ulong* bounds);
    }
}
