// System.Object: the root of every reference type. Its first field is the MethodTable pointer that ilc
// lays out at offset 0 of every object; the runtime reads it for casts, dispatch and allocation sizes.
// Must never gain instance fields: every object in the system pays for them.
using Internal.Runtime;

namespace System
{
    public unsafe class Object
    {
#pragma warning disable CS0649
        // ilc looks this field up by name (for example in multi-dimensional array accessors).
        internal MethodTable* m_pEEType;
#pragma warning restore CS0649

        public Object() { }

        public virtual bool Equals(object obj) => this == obj;

        public virtual int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

        /// <summary>The type's full name, as in .NET (the host names types; there is no reflection).</summary>
        public virtual string ToString() => Internal.Runtime.RuntimeHooks.TypeName(m_pEEType) ?? "<unnamed type>";

        public static bool ReferenceEquals(object objA, object objB) => objA == objB;

        internal MethodTable* GetMethodTable() => m_pEEType;

        /// <summary>Reference to the first byte after the MethodTable pointer (the object's fields).</summary>
        internal ref byte GetRawData() => ref System.Runtime.CompilerServices.Unsafe.As<RawData>(this).Data;

        private sealed class RawData
        {
            public byte Data;
        }
    }
}
