// A physical memory address. Its own type so that physical and virtual addresses cannot be mixed up by
// accident; it says nothing about whether the address is valid, mapped or trusted.
namespace MinimalOS.Kernel.Memory
{
    public readonly struct PhysicalAddress
    {
        public PhysicalAddress(ulong value) => Value = value;

        public ulong Value { get; }
    }
}
