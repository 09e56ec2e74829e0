// Generic virtual method lookup, deliberately left unresolved. ilc needs this method to exist before it
// compiles any call to a generic virtual method, and calls it only where it cannot resolve the target at
// compile time. ilc 10.0.12 gives such a call no usable method identity when the system module is not
// System.Private.CoreLib (the method handle's metadata token is 0 and the GVM tables carry none either;
// see docs/RUNTIME.md), so a run-time lookup could not be correct. Binding the method to a symbol that
// nothing defines turns every call site that would need it into a link error naming this symbol, while
// calls that ilc resolves at compile time (exact or sealed receiver types) work.
using System.Runtime.CompilerServices;

namespace System.Runtime
{
    public static class TypeLoaderExports
    {
        [RuntimeImport("*", "MinimalOS_GenericVirtualCallNeedsRuntimeLookup_NotSupported")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern nint GVMLookupForSlot(object obj, RuntimeMethodHandle slot);
    }
}
