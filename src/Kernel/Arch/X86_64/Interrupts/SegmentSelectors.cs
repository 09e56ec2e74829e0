// The GDT layout every CPU shares, in the order SYSCALL/SYSRET need: STAR[47:32] = KernelCode gives the
// kernel CS (and SS = KernelCode + 8); STAR[63:48] = UserCode32 gives SYSRET's user SS (+8 = UserData) and
// 64-bit CS (+16 = UserCode64). User selectors get RPL 3 when loaded. The TSS descriptor takes two slots.
namespace MinimalOS.Kernel.Arch.X86_64.Interrupts
{
    internal static class SegmentSelectors
    {
        public const ushort KernelCode = 0x08;
        public const ushort KernelData = 0x10;
        public const ushort UserCode32 = 0x18;
        public const ushort UserData = 0x20;
        public const ushort UserCode64 = 0x28;
        public const ushort Tss = 0x30;

        /// <summary>GDT slots: null, the five segments above, and the two halves of the TSS descriptor.</summary>
        public const int GdtEntries = 8;
    }
}
