// A half-open range of virtual addresses [Start, End), e.g. the kernel's code when checking that a value
// found on the stack can be a return address.
namespace MinimalOS.Kernel.Diagnostics
{
    public readonly struct AddressRange
    {
        public AddressRange(ulong start, ulong end)
        {
            Start = start;
            End = end;
        }

        public ulong Start { get; }

        public ulong End { get; }

        public bool Contains(ulong address) => address >= Start && address < End;
    }
}
