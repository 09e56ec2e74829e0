// Atomic read-modify-write operations. The JIT expands these [Intrinsic] methods into locked
// instructions (lock cmpxchg, xchg) at every call; the bodies run only if it ever did not, and then stop
// the system instead of silently losing atomicity.
using System.Runtime.CompilerServices;
using Internal.Runtime;

namespace System.Threading
{
    public static class Interlocked
    {
        [Intrinsic]
        public static int CompareExchange(ref int location1, int value, int comparand)
        {
            RuntimeHooks.FailFast("Interlocked.CompareExchange was not expanded by the compiler");
            return comparand;
        }

        [Intrinsic]
        public static long Exchange(ref long location1, long value)
        {
            RuntimeHooks.FailFast("Interlocked.Exchange was not expanded by the compiler");
            return value;
        }
    }
}
