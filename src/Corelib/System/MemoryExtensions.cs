// Span helpers that kernel code uses on text and bytes. Only the non-generic overloads exist: generic
// equality would need IEquatable<T> dispatch that the kernel does not need.
namespace System
{
    public static class MemoryExtensions
    {
        public static bool SequenceEqual(this ReadOnlySpan<char> a, ReadOnlySpan<char> b)
        {
            if (a.Length != b.Length)
                return false;
            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                    return false;
            }
            return true;
        }

        public static bool SequenceEqual(this ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
        {
            if (a.Length != b.Length)
                return false;
            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                    return false;
            }
            return true;
        }

        public static bool StartsWith(this ReadOnlySpan<char> span, ReadOnlySpan<char> value) =>
            value.Length <= span.Length && span.Slice(0, value.Length).SequenceEqual(value);

        public static bool StartsWith(this ReadOnlySpan<byte> span, ReadOnlySpan<byte> value) =>
            value.Length <= span.Length && span.Slice(0, value.Length).SequenceEqual(value);

        public static int IndexOf(this ReadOnlySpan<byte> span, byte value)
        {
            for (int i = 0; i < span.Length; i++)
            {
                if (span[i] == value)
                    return i;
            }
            return -1;
        }

        public static int LastIndexOf(this ReadOnlySpan<byte> span, byte value)
        {
            for (int i = span.Length - 1; i >= 0; i--)
            {
                if (span[i] == value)
                    return i;
            }
            return -1;
        }

        public static int IndexOf(this ReadOnlySpan<char> span, char value)
        {
            for (int i = 0; i < span.Length; i++)
            {
                if (span[i] == value)
                    return i;
            }
            return -1;
        }

        public static ReadOnlySpan<char> AsSpan(this string text) => text is null ? default : text.GetSpan();

        public static Span<T> AsSpan<T>(this T[] array) => new Span<T>(array);

        public static Span<T> AsSpan<T>(this T[] array, int start, int length) => new Span<T>(array, start, length);
    }
}
