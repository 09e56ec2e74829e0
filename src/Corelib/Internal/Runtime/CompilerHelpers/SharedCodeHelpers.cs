// Helpers for the instantiating stubs ilc generates when a class reaches a default interface method of a
// generic interface through shared code: the stub passes the interface's exact instantiation (taken from
// the receiver's interface map by position) as the generic context of the shared method body.
namespace Internal.Runtime.CompilerHelpers
{
    internal static unsafe class SharedCodeHelpers
    {
        private static MethodTable* GetOrdinalInterface(MethodTable* type, ushort interfaceIndex)
        {
            if (interfaceIndex >= type->NumInterfaces)
                RuntimeHooks.FailFast("default interface method stub names a missing interface");
            return type->InterfaceMap[interfaceIndex];
        }

        // ilc must find this method, but calls it only from stubs for IDynamicInterfaceCastable
        // implementations, whose context comes from the runtime's dispatch; this runtime has no such dispatch.
        private static MethodTable* GetCurrentSharedThunkContext()
        {
            RuntimeHooks.FailFast("IDynamicInterfaceCastable is not supported");
            return null;
        }
    }
}
