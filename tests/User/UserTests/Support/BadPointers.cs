// The bad user pointers docs/SYSCALLS.md says every call refuses with BadAddress without touching them.
namespace MinimalOS.Tests.User.Support
{
    internal static class BadPointers
    {
        public const ulong KernelHalf = 0xFFFF_8000_0000_0000;
        public const ulong NonCanonicalLow = 0x0000_8000_0000_0000;
        public const ulong NonCanonicalMixed = 0x1234_5678_1234_5678;
        /// <summary>8 bytes before the end of the user half: with length 16 the range straddles it.</summary>
        public const ulong StraddlingEnd = 0x0000_7FFF_FFFF_EFF8;
        /// <summary>A user address nothing maps (PML4 entry 1; tests use entries 32 and up).</summary>
        public const ulong Unmapped = 0x0000_0080_0000_0000;
    }
}
