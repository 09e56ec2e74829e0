// The kernel's monotonic clock is the TSC clock, calibrated against the HPET at boot.
using System.Runtime.CompilerServices;
using MinimalOS.Kernel.Arch.X86_64;

namespace MinimalOS.Kernel.Time
{
    public static partial class KernelClock
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static partial ulong Nanoseconds() => TscClock.Nanoseconds();
    }
}
