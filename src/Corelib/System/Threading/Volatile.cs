// Volatile reads and writes with the BCL's signatures: the access always reaches memory and is not moved
// across other volatile accesses by the compiler (x86 hardware keeps loads and stores in order already).
// Cheaper than reading with Interlocked.CompareExchange, which locks the bus. Done through fields declared
// volatile; 64-bit values go through a volatile nint, which is 64 bits on the only target.
using System.Runtime.CompilerServices;

namespace System.Threading
{
    public static class Volatile
    {
        private struct VolatileInt32
        {
            public volatile int Value;
        }

        private struct VolatileByte
        {
            public volatile byte Value;
        }

        private struct VolatileIntPtr
        {
            public volatile nint Value;
        }

        public static byte Read(ref byte location) => Unsafe.As<byte, VolatileByte>(ref location).Value;

        public static int Read(ref int location) => Unsafe.As<int, VolatileInt32>(ref location).Value;

        public static long Read(ref long location) => Unsafe.As<long, VolatileIntPtr>(ref location).Value;

        public static void Write(ref int location, int value) => Unsafe.As<int, VolatileInt32>(ref location).Value = value;

        public static void Write(ref long location, long value) => Unsafe.As<long, VolatileIntPtr>(ref location).Value = (nint)value;
    }
}
