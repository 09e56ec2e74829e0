// Atomic read-modify-write operations. The JIT expands these [Intrinsic] methods into locked
// instructions (lock cmpxchg, xchg, lock xadd) at every call; the bodies run only if it ever did not, and then stop
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
        public static long CompareExchange(ref long location1, long value, long comparand)
        {
            RuntimeHooks.FailFast("Interlocked.CompareExchange was not expanded by the compiler");
            return comparand;
        }

        [Intrinsic]
        public static int Exchange(ref int location1, int value)
        {
            RuntimeHooks.FailFast("Interlocked.Exchange was not expanded by the compiler");
            return value;
        }

        [Intrinsic]
        public static int ExchangeAdd(ref int location1, int value)
        {
            RuntimeHooks.FailFast("Interlocked.ExchangeAdd was not expanded by the compiler");
            return value;
        }

        [Intrinsic]
        public static long ExchangeAdd(ref long location1, long value)
        {
            RuntimeHooks.FailFast("Interlocked.ExchangeAdd was not expanded by the compiler");
            return value;
        }

        public static int Increment(ref int location) => ExchangeAdd(ref location, 1) + 1;

        public static long Increment(ref long location) => ExchangeAdd(ref location, 1) + 1;

        public static int Decrement(ref int location) => ExchangeAdd(ref location, -1) - 1;

        public static int Add(ref int location1, int value) => ExchangeAdd(ref location1, value) + value;

        public static long Add(ref long location1, long value) => ExchangeAdd(ref location1, value) + value;

        [Intrinsic]
        public static long Exchange(ref long location1, long value)
        {
            RuntimeHooks.FailFast("Interlocked.Exchange was not expanded by the compiler");
            return value;
        }
    }
}
