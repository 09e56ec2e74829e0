// The one concrete System.Type (ilc requires a type by this name). Created only by Type.GetTypeFromMethodTable.
namespace System
{
    internal sealed class RuntimeType : Type
    {
        internal RuntimeType(RuntimeTypeHandle handle) : base(handle) { }
    }
}
