// Clears heap memory before it is handed out (the corelib relies on zeroed objects). Whole 64-byte lines
// first: the compiler clears a 64-byte struct with a few SSE stores, so a large block costs a fraction of
// the instructions of a word-by-word loop - and under an emulator (QEMU TCG) every guest instruction is
// paid for. Sizes are multiples of 8 and blocks 8-byte aligned; it never reads the memory it clears.
using System.Runtime.InteropServices;

namespace MinimalOS.Kernel.Memory.Heap
{
    internal static unsafe class HeapZeroing
    {
        [StructLayout(LayoutKind.Sequential, Size = 64)]
        private struct Line
        {
            public ulong Word0, Word1, Word2, Word3, Word4, Word5, Word6, Word7;
        }

        public static void Zero(byte* block, nuint bytes)
        {
            nuint lines = bytes / 64;
            var line = (Line*)block;
            for (nuint i = 0; i < lines; i++)
                line[i] = default;
            var tail = (ulong*)(block + lines * 64);
            nuint words = bytes % 64 / 8;
            for (nuint i = 0; i < words; i++)
                tail[i] = 0;
        }
    }
}
