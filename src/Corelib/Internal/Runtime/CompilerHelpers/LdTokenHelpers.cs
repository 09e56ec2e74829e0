// ldtoken: ilc compiles typeof(T) (and handle loads in shared generic code) to calls of these helpers
// with the type's MethodTable or the address of a method/field descriptor. Each type has one System.Type
// object, created on first use and kept in the type's writable data, so typeof never allocates twice for
// the same type. The field helper must exist even though array initialisers never call it: the JIT
// imports ldtoken as a call to it before folding the pattern into a plain copy.
using System;

namespace Internal.Runtime.CompilerHelpers
{
    internal static unsafe class LdTokenHelpers
    {
        private static RuntimeTypeHandle GetRuntimeTypeHandle(MethodTable* type) => new RuntimeTypeHandle(type);

        private static Type GetRuntimeType(MethodTable* type) => Type.GetTypeFromMethodTable(type);

        private static RuntimeMethodHandle GetRuntimeMethodHandle(nint descriptor) => new RuntimeMethodHandle(descriptor);

        private static RuntimeFieldHandle GetRuntimeFieldHandle(nint descriptor) => new RuntimeFieldHandle(descriptor);
    }
}
