// Little-endian integer reads from byte spans, for boot structures. Callers check the span is long enough
// first; an out-of-range offset is a parser bug and fails the span's own bounds check.
using System;

namespace MinimalOS.Kernel.Boot
{
    public static class LittleEndian
    {
        public static ushort U16(ReadOnlySpan<byte> bytes, int offset) =>
            (ushort)(bytes[offset] | bytes[offset + 1] << 8);

        public static uint U32(ReadOnlySpan<byte> bytes, int offset) =>
            (uint)(bytes[offset] | bytes[offset + 1] << 8 | bytes[offset + 2] << 16 | bytes[offset + 3] << 24);

        public static ulong U64(ReadOnlySpan<byte> bytes, int offset) =>
            U32(bytes, offset) | (ulong)U32(bytes, offset + 4) << 32;

        /// <summary>True when <paramref name="length"/> bytes at <paramref name="offset"/> lie inside <paramref name="bytes"/>.</summary>
        public static bool Fits(ReadOnlySpan<byte> bytes, long offset, long length) =>
            offset >= 0 && length >= 0 && offset <= bytes.Length && length <= bytes.Length - offset;
    }
}
