// Bit layouts of x86_64 GDT entries as pure functions: 8-byte code/data descriptors and the 16-byte TSS
// (system) descriptor. Long mode ignores base and limit for code/data, so only the access bits and the
// L (64-bit) / D (32-bit) flags vary. Values only: loading a GDT is the architecture code's business.
namespace MinimalOS.Kernel.Interrupts
{
    public static class SegmentDescriptor
    {
        private const ulong Accessed = 1UL << 40;
        private const ulong ReadableOrWritable = 1UL << 41;
        private const ulong Executable = 1UL << 43;
        private const ulong CodeOrData = 1UL << 44;
        private const int PrivilegeShift = 45;
        private const ulong Present = 1UL << 47;
        private const ulong LongMode = 1UL << 53;
        private const ulong Default32Bit = 1UL << 54;
        private const ulong Granularity4K = 1UL << 55;
        // Limit 0xFFFFF with 4 KiB granularity: only a 32-bit compatibility segment uses base/limit at all.
        private const ulong FullLimit = 0xFFFFUL | (0xFUL << 48) | Granularity4K;
        private const ulong AvailableTss64 = 0x9UL << 40;

        /// <summary>A 64-bit code segment for privilege level <paramref name="privilege"/> (0 kernel, 3 user).</summary>
        public static ulong Code64(int privilege) =>
            Present | CodeOrData | Executable | ReadableOrWritable | Accessed | LongMode | Privilege(privilege);

        /// <summary>A 32-bit compatibility-mode code segment (the slot SYSRET's 32-bit form expects).</summary>
        public static ulong Code32(int privilege) =>
            Present | CodeOrData | Executable | ReadableOrWritable | Accessed | Default32Bit | FullLimit | Privilege(privilege);

        /// <summary>A writable data segment (also the stack segment) for privilege level <paramref name="privilege"/>.</summary>
        public static ulong Data(int privilege) =>
            Present | CodeOrData | ReadableOrWritable | Accessed | Default32Bit | FullLimit | Privilege(privilege);

        /// <summary>First 8 bytes of an available 64-bit TSS descriptor for a TSS at <paramref name="tssBase"/>.</summary>
        public static ulong TssLow(ulong tssBase, uint limit) =>
            (limit & 0xFFFFUL) | ((tssBase & 0xFFFFFFUL) << 16) | AvailableTss64 | Present
            | ((ulong)(limit >> 16 & 0xF) << 48) | ((tssBase >> 24 & 0xFF) << 56);

        /// <summary>Second 8 bytes of the TSS descriptor: the upper half of the base.</summary>
        public static ulong TssHigh(ulong tssBase) => tssBase >> 32;

        private static ulong Privilege(int privilege) => (ulong)(privilege & 3) << PrivilegeShift;
    }
}
