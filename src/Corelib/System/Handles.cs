// Runtime handles: what ldtoken produces. A RuntimeTypeHandle is a MethodTable pointer. Method and field
// handles wrap the address of a descriptor ilc emits; nothing reads them (there is no reflection), and
// the compiler expands the array-initialisation and generic-method uses itself.
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

        internal RuntimeMethodHandle(nint value) { _value = value; }

        public nint Value => _value;
    }

    public struct RuntimeFieldHandle
    {
        private readonly nint _value;

        internal RuntimeFieldHandle(nint value) { _value = value; }

        public nint Value => _value;
    }
}
