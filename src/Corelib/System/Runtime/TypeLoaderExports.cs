// Generic virtual method lookup, deliberately left unresolved. ilc needs this method to exist before it
// compiles any call to a generic virtual method, and compiles every such call into a call to it. ilc
// 10.0.12 gives such a call no usable method identity when the system module is not
// System.Private.CoreLib (the method handle's metadata token is 0 and the GVM tables carry none either;
// see docs/RUNTIME.md), so a run-time lookup could not be correct. tools/GvmRewriter removes the kernel's
// generic virtual calls before ilc runs; this is the safety net for any it does not see (the corelib's
// own IL): binding the method to a symbol that nothing defines turns each such call site into a link
// error naming this symbol and the caller, never a wrong call.
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
