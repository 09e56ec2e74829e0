// The services the corelib needs from its host (the kernel, later a user-mode runtime), bound at link
// time: the host defines these symbols with [RuntimeExport]. Keeping them here makes the dependency
// explicit and one-way; the corelib never names kernel types.
using System.Runtime;
using System.Runtime.CompilerServices;

namespace Internal.Runtime
{
    internal static unsafe class RuntimeHooks
    {
        /// <summary>Returns zeroed memory of at least <paramref name="size"/> bytes, 8-byte aligned, or null.</summary>
        [RuntimeImport("*", "MinimalOS_Allocate")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        internal static extern void* Allocate(nuint size);

        /// <summary>The full name of a type (e.g. "System.String"), or null when the host cannot tell.</summary>
        [RuntimeImport("*", "MinimalOS_TypeName")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        internal static extern string TypeName(MethodTable* type);

        /// <summary>An exception was thrown and nothing can catch it: the host reports it and never returns.</summary>
        [RuntimeImport("*", "MinimalOS_UnhandledException")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        internal static extern void UnhandledException(object exception);

        /// <summary>The runtime found its own state broken: the host reports the reason and never returns.</summary>
        [RuntimeImport("*", "MinimalOS_FailFast")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        internal static extern void FailFast(string reason);
    }
}
