// Block fill and clear. ilc routes initblk and large struct zeroing here by name.
namespace System
{
    internal static class SpanHelpers
    {
        internal static unsafe void Fill(ref byte destination, nuint length, byte value)
        {
            byte* dst = (byte*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref destination);
            ulong pattern = value * 0x0101010101010101UL;
            nuint i = 0;
            for (; i + 8 <= length; i += 8)
                *(ulong*)(dst + i) = pattern;
            for (; i < length; i++)
                dst[i] = value;
        }

        internal static void ClearWithoutReferences(ref byte destination, nuint length) => Fill(ref destination, length, 0);

        internal static unsafe void ClearWithReferences(ref nint destination, nuint pointerCount) =>
            Fill(ref System.Runtime.CompilerServices.Unsafe.As<nint, byte>(ref destination), pointerCount * (nuint)sizeof(nint), 0);

        internal static void Memmove(ref byte destination, ref byte source, nuint length) =>
            Buffer.Memmove(ref destination, ref source, length);
    }
}
