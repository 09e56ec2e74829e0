// The user half of every address space as the kernel hands it out. Page 0 is never mapped (a null
// pointer always faults), and neither is the last page below 2^47: a SYSCALL in the last bytes there would
// return to the first non-canonical address, which SYSRET turns into a #GP in ring 0 on the user's stack
// (Linux leaves the same page out for the same reason). So every user address a thread can return to from
// SYSCALL is canonical.
namespace MinimalOS.Kernel.UserMemory
{
    public static class UserLayout
    {
        /// <summary>The lowest address a mapping may start at.</summary>
        public const ulong Start = 0x1000;
        /// <summary>One past the highest address a mapping may cover.</summary>
        public const ulong End = 0x0000_7FFF_FFFF_F000;
    }
}
