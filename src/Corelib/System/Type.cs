// System.Type without reflection: a thin wrapper over a MethodTable pointer, enough for typeof and type
// comparisons. There is one Type object per type, kept in the type's writable data: ilc preallocates frozen
// RuntimeType objects for many types (writing the MethodTable pointer as their first field, so _handle
// must stay the first and only field) and the rest are created on first use. Equality compares the
// MethodTables, so it stays correct even if two objects were ever made for one type.
using System.Runtime.CompilerServices;
using Internal.Runtime;

namespace System
{
    public abstract unsafe class Type
    {
        private readonly RuntimeTypeHandle _handle;

        private protected Type(RuntimeTypeHandle handle) { _handle = handle; }

        public RuntimeTypeHandle TypeHandle => _handle;

        // Intrinsic so that ilc folds typeof(A) == typeof(B) to a MethodTable comparison without a Type object.
        [Intrinsic]
        public static Type GetTypeFromHandle(RuntimeTypeHandle handle) =>
            handle.Value == 0 ? null : GetTypeFromMethodTable(handle.ToMethodTable());

        internal static Type GetTypeFromMethodTable(MethodTable* type)
        {
            ref object cached = ref Unsafe.AsRef<object>(type->WritableData);
            if (cached is null)
                cached = new RuntimeType(new RuntimeTypeHandle(type));
            return Unsafe.As<Type>(cached);
        }

        [Intrinsic]
        public static bool operator ==(Type a, Type b) =>
            (object)a == b || (a is not null && b is not null && a._handle.Value == b._handle.Value);

        [Intrinsic]
        public static bool operator !=(Type a, Type b) => !(a == b);

        public override bool Equals(object obj) => obj is Type t && t == this;

        public override int GetHashCode() => (int)_handle.Value;
    }
}
