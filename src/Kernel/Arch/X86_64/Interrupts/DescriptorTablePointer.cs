// The 10-byte operand of lgdt/lidt: the table's size minus one and its linear address.
using System.Runtime.InteropServices;

namespace MinimalOS.Kernel.Arch.X86_64.Interrupts
{
    [StructLayout(LayoutKind.Sequential, Pack = 1)]
    internal struct DescriptorTablePointer
    {
        public ushort Limit;
        public ulong Base;

        public DescriptorTablePointer(ulong tableBase, int sizeInBytes)
        {
            Limit = (ushort)(sizeInBytes - 1);
            Base = tableBase;
        }
    }
}
