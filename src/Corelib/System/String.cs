// System.String: an immutable UTF-16 string. ilc emits string literals as frozen objects with this exact
// layout (_stringLength, then the characters), so the two fields must stay first and in this order.
// Allocating operations (Concat) exist for ordinary C#; the logger never uses them.
using System.Runtime;
using System.Runtime.CompilerServices;
using Internal.Runtime;

namespace System
{
    public sealed unsafe class String
    {
        // ilc looks these fields up by name.
        private readonly int _stringLength;
        private char _firstChar;

        public static readonly string Empty = "";

        public int Length => _stringLength;

        [IndexerName("Chars")]
        public char this[int index]
        {
            [Intrinsic]
            get
            {
                if ((uint)index >= (uint)_stringLength)
                    ThrowHelper.ThrowIndexOutOfRangeException();
                return Unsafe.Add(ref _firstChar, index);
            }
        }

        public ref readonly char GetPinnableReference() => ref _firstChar;

        public static implicit operator ReadOnlySpan<char>(string value) => value.AsSpan();

        internal ReadOnlySpan<char> GetSpan() => new ReadOnlySpan<char>(ref _firstChar, _stringLength);

        public CharEnumerator GetEnumerator() => new CharEnumerator(this);

        public static bool IsNullOrEmpty(string value) => value is null || value._stringLength == 0;

        public static bool operator ==(string a, string b) => Equals(a, b);

        public static bool operator !=(string a, string b) => !Equals(a, b);

        public static bool Equals(string a, string b)
        {
            if ((object)a == b)
                return true;
            if (a is null || b is null || a._stringLength != b._stringLength)
                return false;
            return ((ReadOnlySpan<char>)a).SequenceEqual(b);
        }

        public override bool Equals(object obj) => obj is string s && Equals(this, s);

        public bool Equals(string other) => Equals(this, other);

        public override int GetHashCode()
        {
            // FNV-1a over the UTF-16 code units: stable and allocation-free.
            uint hash = 2166136261;
            for (int i = 0; i < _stringLength; i++)
                hash = (hash ^ Unsafe.Add(ref _firstChar, i)) * 16777619;
            return (int)hash;
        }

        public override string ToString() => this;

        internal static string FastAllocate(int length)
        {
            if (length == 0)
                return Empty;
            return Unsafe.As<string>(RuntimeExports.RhNewArray(MethodTable.Of<string>(), length));
        }

        public static string Concat(string a, string b)
        {
            if (IsNullOrEmpty(a))
                return b ?? Empty;
            if (IsNullOrEmpty(b))
                return a;
            string result = FastAllocate(a.Length + b.Length);
            Span<char> dest = new Span<char>(ref result._firstChar, result._stringLength);
            ((ReadOnlySpan<char>)a).CopyTo(dest);
            ((ReadOnlySpan<char>)b).CopyTo(dest.Slice(a.Length));
            return result;
        }

        public static string Concat(string a, string b, string c) => Concat(Concat(a, b), c);

        public static string Concat(string a, string b, string c, string d) => Concat(Concat(a, b), Concat(c, d));

        public static string Concat(object a, object b) => Concat(a?.ToString(), b?.ToString());

        public static string Concat(object a, object b, object c) => Concat(a?.ToString(), b?.ToString(), c?.ToString());

        public static string Concat(params string[] values)
        {
            string result = Empty;
            foreach (string value in values)
                result = Concat(result, value);
            return result;
        }

        public string Substring(int start) => Substring(start, _stringLength - start);

        public string Substring(int start, int length)
        {
            if ((uint)start > (uint)_stringLength || (uint)length > (uint)(_stringLength - start))
                ThrowHelper.ThrowArgumentOutOfRangeException();
            return new string(((ReadOnlySpan<char>)this).Slice(start, length));
        }

        public bool StartsWith(string value) => ((ReadOnlySpan<char>)this).StartsWith(value);

        public String(ReadOnlySpan<char> value)
        {
            // The C# compiler routes this through Ctor below; ilc turns string constructors into allocations.
        }

        // ilc implements string constructors as static "Ctor" methods that allocate and fill the string.
        private static string Ctor(ReadOnlySpan<char> value)
        {
            string result = FastAllocate(value.Length);
            if (value.Length != 0)
                value.CopyTo(new Span<char>(ref result._firstChar, result._stringLength));
            return result;
        }

        public String(char c, int count)
        {
        }

        private static string Ctor(char c, int count)
        {
            if (count < 0)
                ThrowHelper.ThrowArgumentOutOfRangeException();
            string result = FastAllocate(count);
            if (count != 0)
                new Span<char>(ref result._firstChar, count).Fill(c);
            return result;
        }

        public struct CharEnumerator
        {
            private readonly string _string;
            private int _index;

            internal CharEnumerator(string value)
            {
                _string = value;
                _index = -1;
            }

            public bool MoveNext() => ++_index < _string.Length;

            public char Current => _string[_index];
        }
    }
}
