// The primitive value types the C# compiler and ilc expect to find in the system module. Each wraps a
// field of its own type; the compiler treats them as intrinsic, so the wrappers carry only the operations
// kernel code uses. ToString allocates its result (System.Number); allocation-free formatting for the
// kernel's own paths lives in MinimalOS.Kernel.Text.
namespace System
{
    public struct Void { }

    public struct Boolean
    {
        private bool m_value;
        public override string ToString() => m_value ? "True" : "False";
        public override bool Equals(object obj) => obj is bool b && b == m_value;
        public override int GetHashCode() => m_value ? 1 : 0;
    }

    public struct Char
    {
        private char m_value;
        public override string ToString() => new string(m_value, 1);
        public const char MaxValue = (char)0xFFFF;
        public const char MinValue = (char)0;
        public override bool Equals(object obj) => obj is char c && c == m_value;
        public override int GetHashCode() => m_value;
    }

    public struct SByte
    {
        private sbyte m_value;
        public override string ToString() => Number.FormatSigned((long)m_value, null, 8);
        public string ToString(string format) => Number.FormatSigned((long)m_value, format, 8);
        public const sbyte MaxValue = 127;
        public const sbyte MinValue = -128;
        public override bool Equals(object obj) => obj is sbyte v && v == m_value;
        public override int GetHashCode() => m_value;
    }

    public struct Byte
    {
        private byte m_value;
        public override string ToString() => Number.FormatUnsigned((ulong)m_value, null, 8);
        public string ToString(string format) => Number.FormatUnsigned((ulong)m_value, format, 8);
        public const byte MaxValue = 255;
        public const byte MinValue = 0;
        public override bool Equals(object obj) => obj is byte v && v == m_value;
        public override int GetHashCode() => m_value;
    }

    public struct Int16
    {
        private short m_value;
        public override string ToString() => Number.FormatSigned((long)m_value, null, 16);
        public string ToString(string format) => Number.FormatSigned((long)m_value, format, 16);
        public const short MaxValue = 32767;
        public const short MinValue = -32768;
        public override bool Equals(object obj) => obj is short v && v == m_value;
        public override int GetHashCode() => m_value;
    }

    public struct UInt16
    {
        private ushort m_value;
        public override string ToString() => Number.FormatUnsigned((ulong)m_value, null, 16);
        public string ToString(string format) => Number.FormatUnsigned((ulong)m_value, format, 16);
        public const ushort MaxValue = 65535;
        public const ushort MinValue = 0;
        public override bool Equals(object obj) => obj is ushort v && v == m_value;
        public override int GetHashCode() => m_value;
    }

    public struct Int32 : IEquatable<int>
    {
        private int m_value;
        public override string ToString() => Number.FormatSigned((long)m_value, null, 32);
        public string ToString(string format) => Number.FormatSigned((long)m_value, format, 32);
        public const int MaxValue = 0x7FFFFFFF;
        public const int MinValue = unchecked((int)0x80000000);
        public bool Equals(int other) => m_value == other;
        public override bool Equals(object obj) => obj is int v && v == m_value;
        public override int GetHashCode() => m_value;
    }

    public struct UInt32 : IEquatable<uint>
    {
        private uint m_value;
        public override string ToString() => Number.FormatUnsigned((ulong)m_value, null, 32);
        public string ToString(string format) => Number.FormatUnsigned((ulong)m_value, format, 32);
        public const uint MaxValue = 0xFFFFFFFF;
        public const uint MinValue = 0;
        public bool Equals(uint other) => m_value == other;
        public override bool Equals(object obj) => obj is uint v && v == m_value;
        public override int GetHashCode() => (int)m_value;
    }

    public struct Int64 : IEquatable<long>
    {
        private long m_value;
        public override string ToString() => Number.FormatSigned((long)m_value, null, 64);
        public string ToString(string format) => Number.FormatSigned((long)m_value, format, 64);
        public const long MaxValue = 0x7FFFFFFFFFFFFFFF;
        public const long MinValue = unchecked((long)0x8000000000000000);
        public bool Equals(long other) => m_value == other;
        public override bool Equals(object obj) => obj is long v && v == m_value;
        public override int GetHashCode() => (int)m_value ^ (int)(m_value >> 32);
    }

    public struct UInt64 : IEquatable<ulong>
    {
        private ulong m_value;
        public override string ToString() => Number.FormatUnsigned((ulong)m_value, null, 64);
        public string ToString(string format) => Number.FormatUnsigned((ulong)m_value, format, 64);
        public const ulong MaxValue = 0xFFFFFFFFFFFFFFFF;
        public const ulong MinValue = 0;
        public bool Equals(ulong other) => m_value == other;
        public override bool Equals(object obj) => obj is ulong v && v == m_value;
        public override int GetHashCode() => (int)m_value ^ (int)(m_value >> 32);
    }

    public struct Single
    {
        private float m_value;
    }

    public struct Double
    {
        private double m_value;
    }

    public unsafe struct IntPtr : IEquatable<nint>
    {
        private void* _value;
        public static readonly nint Zero;
        public IntPtr(void* value) { _value = value; }
        public IntPtr(int value) { _value = (void*)value; }
        public IntPtr(long value) { _value = (void*)value; }
        public static int Size => sizeof(nint);
        public void* ToPointer() => _value;
        public long ToInt64() => (long)_value;
        public bool Equals(nint other) => _value == (void*)other;
        public override bool Equals(object obj) => obj is nint v && (void*)v == _value;
        public override int GetHashCode() => (int)(long)_value;
        public static explicit operator IntPtr(int value) => new IntPtr(value);
        public static explicit operator IntPtr(long value) => new IntPtr(value);
        public static explicit operator IntPtr(void* value) => new IntPtr(value);
        public static explicit operator void*(IntPtr value) => value._value;
        public static explicit operator int(IntPtr value) => (int)(long)value._value;
        public static explicit operator long(IntPtr value) => (long)value._value;
        public static bool operator ==(IntPtr a, IntPtr b) => a._value == b._value;
        public static bool operator !=(IntPtr a, IntPtr b) => a._value != b._value;
    }

    public unsafe struct UIntPtr : IEquatable<nuint>
    {
        private void* _value;
        public static readonly nuint Zero;
        public UIntPtr(void* value) { _value = value; }
        public UIntPtr(uint value) { _value = (void*)value; }
        public UIntPtr(ulong value) { _value = (void*)value; }
        public static int Size => sizeof(nuint);
        public void* ToPointer() => _value;
        public ulong ToUInt64() => (ulong)_value;
        public bool Equals(nuint other) => _value == (void*)other;
        public override bool Equals(object obj) => obj is nuint v && (void*)v == _value;
        public override int GetHashCode() => (int)(ulong)_value;
        public static explicit operator UIntPtr(uint value) => new UIntPtr(value);
        public static explicit operator UIntPtr(ulong value) => new UIntPtr(value);
        public static explicit operator UIntPtr(void* value) => new UIntPtr(value);
        public static explicit operator void*(UIntPtr value) => value._value;
        public static explicit operator ulong(UIntPtr value) => (ulong)value._value;
        public static bool operator ==(UIntPtr a, UIntPtr b) => a._value == b._value;
        public static bool operator !=(UIntPtr a, UIntPtr b) => a._value != b._value;
    }
}
