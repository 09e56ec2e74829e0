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

        /// <summary>
        /// Called before a static constructor may run or be waited for: writes a non-zero identity of the
        /// current flow of execution to <paramref name="owner"/>, which must stay its own (no other flow may
        /// get it) until EndClassConstructor; returns what EndClassConstructor needs to undo that.
        /// </summary>
        [RuntimeImport("*", "MinimalOS_BeginClassConstructor")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        internal static extern nint BeginClassConstructor(nint* owner);

        /// <summary>Undoes BeginClassConstructor with the value it returned.</summary>
        [RuntimeImport("*", "MinimalOS_EndClassConstructor")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        internal static extern void EndClassConstructor(nint pinned);

        /// <summary>The runtime found its own state broken: the host reports the reason and never returns.</summary>
        [RuntimeImport("*", "MinimalOS_FailFast")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        internal static extern void FailFast(string reason);
    }
}
