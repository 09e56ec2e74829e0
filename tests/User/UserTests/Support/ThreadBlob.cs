// The assembly programs of Native/thread_blobs.asm, in the order of its table, and their addresses.
using System.Runtime;
using System.Runtime.CompilerServices;

namespace MinimalOS.Tests.User.Support
{
    internal enum ThreadBlob : ulong
    {
        Cli = 0,
        Hlt = 1,
        In = 2,
        Out = 3,
        Wrmsr = 4,
        MovCr3 = 5,
        JumpToKernel = 6,
        /// <summary>Reads the address in rdi, then exits with 0.</summary>
        Read = 7,
        /// <summary>Writes to the address in rdi, then exits with 0.</summary>
        Write = 8,
        /// <summary>DebugLog, CapRevoke and ThreadSuspend with the slot in rdi; exits with their errors in bytes 0, 1, 2.</summary>
        UseSlot = 9,
        Ud2 = 10,
        /// <summary>Loops forever (pause; jmp).</summary>
        Spin = 11,
        /// <summary>Yields with known register values; exits with a bit per register, flag or SSE promise broken.</summary>
        Preserves = 12,
        /// <summary>Reads the word at rdi, writes rsi there, exits with the word it read.</summary>
        ReadWrite = 13,
    }

    internal static class ThreadBlobs
    {
        public static ulong Address(ThreadBlob blob) => BlobAddress((ulong)blob);

        /// <summary>The page holding every blob (they are position-dependent but use nothing outside it).</summary>
        public static ulong Page => Address(ThreadBlob.Cli) & ~0xFFFUL;

        [RuntimeImport("*", "utest_blob_address")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern ulong BlobAddress(ulong index);
    }
}
