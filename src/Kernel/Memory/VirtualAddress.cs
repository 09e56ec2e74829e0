// A virtual address. Its own type so that virtual and physical addresses cannot be mixed up by accident.
// x86_64 has 48-bit virtual addresses: bits 48-63 must copy bit 47 ("canonical"), or the CPU faults.
namespace MinimalOS.Kernel.Memory
{
    public readonly struct VirtualAddress
    {
        public VirtualAddress(ulong value) => Value = value;

        public ulong Value { get; }

        public bool IsCanonical => (ulong)((long)(Value << 16) >> 16) == Value;

        public bool IsPageAligned => (Value & (PageSize.Small - 1)) == 0;

        public unsafe void* ToPointer() => (void*)Value;

        public static unsafe VirtualAddress Of(void* pointer) => new VirtualAddress((ulong)pointer);

        public override string ToString() => "virt 0x" + Value.ToString("x");
    }
}
