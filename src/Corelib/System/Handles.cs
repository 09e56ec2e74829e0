// Runtime handles and System.Type. There is no reflection: a Type is a thin wrapper over a MethodTable
// pointer, enough for typeof comparisons and for the kernel to name a type from its symbols.
using Internal.Runtime;

namespace System
{
    public unsafe struct RuntimeTypeHandle
    {
        private readonly nint _value;

        internal RuntimeTypeHandle(MethodTable* methodTable) { _value = (nint)methodTable; }

        internal MethodTable* ToMethodTable() => (MethodTable*)_value;

        public nint Value => _value;
    }

    public struct RuntimeMethodHandle
    {
        private readonly nint _value;
    }

    public struct RuntimeFieldHandle
    {
        private readonly nint _value;
    }

    public abstract unsafe class Type
    {
        private readonly RuntimeTypeHandle _handle;

        private protected Type(RuntimeTypeHandle handle) { _handle = handle; }

        public RuntimeTypeHandle TypeHandle => _handle;

        public static Type GetTypeFromHandle(RuntimeTypeHandle handle) =>
            handle.Value == 0 ? null : new RuntimeType(handle);

        public static bool operator ==(Type a, Type b) =>
            (object)a == b || (a is not null && b is not null && a._handle.Value == b._handle.Value);

        public static bool operator !=(Type a, Type b) => !(a == b);

        public override bool Equals(object obj) => obj is Type t && t == this;

        public override int GetHashCode() => (int)_handle.Value;
    }

    // The one concrete Type (ilc requires a type by this name).
    internal sealed class RuntimeType : Type
    {
        internal RuntimeType(RuntimeTypeHandle handle) : base(handle) { }
    }
}
