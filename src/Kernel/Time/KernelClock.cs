// The monotonic nanosecond clock as portable code sees it (system calls, rate limits). The kernel's
// implementation reads the TSC clock (Arch/X86_64/KernelClock.X86_64.cs); host tests supply their own.
namespace MinimalOS.Kernel.Time
{
    public static partial class KernelClock
    {
        /// <summary>Nanoseconds since boot; never goes backwards.</summary>
        public static partial ulong Nanoseconds();
    }
}
