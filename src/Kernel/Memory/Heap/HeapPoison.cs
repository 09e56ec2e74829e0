// Debug-check poisoning: free slab objects are filled with a pattern, and the pattern is checked when the
// object is handed out again, so a write through a stale pointer is caught at the next reuse instead of
// corrupting a live object silently. Costs a fill and a compare per object, hence debug checks only.
namespace MinimalOS.Kernel.Memory.Heap
{
    internal static unsafe class HeapPoison
    {
        public const ulong Pattern = 0xDEAD_F1EE_DEAD_F1EE;

        // Objects are multiples of 16 bytes and 16-byte aligned, so whole 64-bit words cover them.
        public static void Fill(byte* block, int bytes)
        {
            ulong* words = (ulong*)block;
            for (int i = 0; i < bytes / 8; i++)
                words[i] = Pattern;
        }

        public static bool IsIntact(byte* block, int bytes)
        {
            ulong* words = (ulong*)block;
            for (int i = 0; i < bytes / 8; i++)
            {
                if (words[i] != Pattern)
                    return false;
            }
            return true;
        }
    }
}
