// The host tests' monotonic clock: a value the test sets, so time-dependent logic is deterministic.
namespace MinimalOS.Kernel.Time
{
    public static partial class KernelClock
    {
        public static ulong HostNow;

        public static partial ulong Nanoseconds() => HostNow;
    }
}
