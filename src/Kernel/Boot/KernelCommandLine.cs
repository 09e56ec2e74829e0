// Splits the kernel command line into options without copying it: words separated by spaces, each either
// `key=value` or a bare `flag`. Double quotes keep spaces inside a word (`key="a b"` or `"key=a b"`) and are
// not part of the key or value; as on Linux, the first '=' splits the word even inside quotes. Interpreting the options is KernelOptions' job; this only finds them.
// Some loaders put the kernel's file name first (BootInfo.CommandLineStartsWithImageName); that word is
// not an option and is skipped.
using System;

namespace MinimalOS.Kernel.Boot
{
    public sealed class KernelCommandLine
    {
        /// <summary>Words beyond this many are ignored (and reported through TooManyOptions).</summary>
        public const int MaxOptions = 32;

        private readonly BootText _text;
        private readonly OptionBounds[] _options = new OptionBounds[MaxOptions];
        private int _count;

        private struct OptionBounds
        {
            public int KeyStart;
            public int KeyLength;
            public int ValueStart;
            /// <summary>-1 for a bare flag (no '=').</summary>
            public int ValueLength;
        }

        private KernelCommandLine(BootText text) => _text = text;

        public int Count => _count;

        public bool TooManyOptions { get; private set; }

        /// <summary>A double quote was never closed; its word runs to the end of the line.</summary>
        public bool UnterminatedQuote { get; private set; }

        public static KernelCommandLine Parse(BootText text, bool startsWithImageName = false)
        {
            var commandLine = new KernelCommandLine(text);
            commandLine.Split(startsWithImageName);
            return commandLine;
        }

        public ReadOnlySpan<char> Key(int index) => _text.Span.Slice(_options[index].KeyStart, _options[index].KeyLength);

        public bool HasValue(int index) => _options[index].ValueLength >= 0;

        /// <summary>The value after '=' (empty for a bare flag; check HasValue to tell "key=" from "key").</summary>
        public ReadOnlySpan<char> Value(int index) =>
            HasValue(index) ? _text.Span.Slice(_options[index].ValueStart, _options[index].ValueLength) : default;

        /// <summary>Index of the last option with this key (the last one given wins), or -1.</summary>
        public int LastIndexOf(ReadOnlySpan<char> key)
        {
            for (int i = _count - 1; i >= 0; i--)
            {
                if (Key(i).SequenceEqual(key))
                    return i;
            }
            return -1;
        }

        public bool Contains(string key) => LastIndexOf(key.AsSpan()) >= 0;

        /// <summary>True when the last option with this key has a value (possibly empty).</summary>
        public bool TryGetValue(string key, out ReadOnlySpan<char> value)
        {
            int index = LastIndexOf(key.AsSpan());
            if (index < 0 || !HasValue(index))
            {
                value = default;
                return false;
            }
            value = Value(index);
            return true;
        }

        private void Split(bool skipFirstWord)
        {
            ReadOnlySpan<char> text = _text.Span;
            int i = 0;
            for (bool skip = skipFirstWord; ; skip = false)
            {
                while (i < text.Length && text[i] == ' ')
                    i++;
                if (i >= text.Length)
                    return;
                int start = i;
                int equals = -1;
                bool quoted = false;
                for (; i < text.Length && (quoted || text[i] != ' '); i++)
                {
                    if (text[i] == '"')
                        quoted = !quoted;
                    else if (text[i] == '=' && equals < 0)
                        equals = i;
                }
                if (quoted)
                    UnterminatedQuote = true;
                if (skip)
                    continue;
                if (_count == MaxOptions)
                {
                    TooManyOptions = true;
                    return;
                }
                var bounds = new OptionBounds();
                int keyEnd = equals >= 0 ? equals : i;
                Unquote(text, start, keyEnd - start, out bounds.KeyStart, out bounds.KeyLength);
                if (equals >= 0)
                    Unquote(text, equals + 1, i - equals - 1, out bounds.ValueStart, out bounds.ValueLength);
                else
                    bounds.ValueLength = -1;
                _options[_count++] = bounds;
            }
        }

        private static void Unquote(ReadOnlySpan<char> text, int start, int length, out int unquotedStart, out int unquotedLength)
        {
            if (length > 0 && text[start] == '"')
            {
                start++;
                length--;
            }
            if (length > 0 && text[start + length - 1] == '"')
                length--;
            unquotedStart = start;
            unquotedLength = length;
        }
    }
}
