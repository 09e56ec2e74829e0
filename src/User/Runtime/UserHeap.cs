// Where a user program's C# objects come from: a fixed 1 MiB arena in the program's .bss, handed out by a
// BumpArena. Nothing is freed (no GC). When the arena is full, allocation returns null and the corelib
// fails fast with "out of memory". Must not allocate itself (it is the allocator).
namespace MinimalOS.User.Runtime
{
    internal static unsafe class UserHeap
    {
        public const int Size = 1024 * 1024;

        private static ArenaBytes s_bytes;
        private static BumpArena s_arena;
        private static bool s_ready;

        private struct ArenaBytes
        {
            public fixed byte Bytes[Size];
        }

        // The first call is GC-static start-up, on the program's only thread and before any static constructor:
        // setting the arena up needs no lock and nothing here may need a constructor.
        public static void* Allocate(nuint size)
        {
            if (!s_ready)
            {
                fixed (byte* bytes = s_bytes.Bytes)
                    s_arena = new BumpArena(bytes, Size);
                s_ready = true;
            }
            return s_arena.Allocate(size);
        }
    }
}
