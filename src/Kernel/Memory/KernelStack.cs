// One kernel stack handed out by KernelStackAllocator: the mapped range [Bottom, Top) and the unmapped guard
// page just below it, which turns an overflow into a page fault instead of silent corruption.
namespace MinimalOS.Kernel.Memory
{
    public readonly struct KernelStack
    {
        public KernelStack(VirtualAddress bottom, VirtualAddress top)
        {
            Bottom = bottom;
            Top = top;
        }

        /// <summary>Lowest mapped address.</summary>
        public VirtualAddress Bottom { get; }

        /// <summary>One past the highest mapped address: the initial stack pointer.</summary>
        public VirtualAddress Top { get; }

        /// <summary>The unmapped page below Bottom.</summary>
        public VirtualAddress Guard => new VirtualAddress(Bottom.Value - PageSize.Small);

        public bool IsEmpty => Top.Value == 0;

        public bool Contains(ulong address) => address >= Bottom.Value && address < Top.Value;

        /// <summary>Whether <paramref name="address"/> lies in the guard page.</summary>
        public bool GuardContains(ulong address) => !IsEmpty && address >= Guard.Value && address < Bottom.Value;
    }
}
