// A read-only window on one stack, by virtual address: the only memory the unwinder reads. Reads outside
// the window or misaligned fail instead of touching memory, so a corrupt frame chain can never fault the
// code that is reporting a fault. On the host, tests back the window with a buffer at a made-up address.
using System;

namespace MinimalOS.Kernel.Diagnostics
{
    public readonly ref struct StackMemory
    {
        private readonly ReadOnlySpan<byte> _bytes;

        /// <param name="bytes">The whole stack, lowest address first.</param>
        /// <param name="bottom">The virtual address of bytes[0].</param>
        public StackMemory(ReadOnlySpan<byte> bytes, ulong bottom)
        {
            _bytes = bytes;
            Bottom = bottom;
        }

        /// <summary>Lowest address of the stack.</summary>
        public ulong Bottom { get; }

        /// <summary>First address above the stack (where an empty stack's pointer starts).</summary>
        public ulong Top => Bottom + (ulong)_bytes.Length;

        /// <summary>Reads the 8-byte-aligned word at <paramref name="address"/> if it lies inside the stack.</summary>
        public bool TryReadWord(ulong address, out ulong value)
        {
            value = 0;
            if (_bytes.Length < 8 || address < Bottom || (address & 7) != 0 || address - Bottom > (ulong)_bytes.Length - 8)
                return false;
            int offset = (int)(address - Bottom);
            for (int i = 7; i >= 0; i--)
                value = (value << 8) | _bytes[offset + i];
            return true;
        }
    }
}
