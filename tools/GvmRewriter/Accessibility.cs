// Widens what a dispatcher must name (a private nested type, a private explicit interface
// implementation, a protected override) to assembly visibility, so the rewritten module stays valid IL
// for any runtime's access checks. Only members of the rewritten module are touched; nothing outside it
// can see the difference, since none of them becomes public.
using Mono.Cecil;

namespace MinimalOS.Tools.GvmRewriter
{
    internal static class Accessibility
    {
        public static void MakeReachable(ModuleDefinition module, TypeDefinition type)
        {
            for (TypeDefinition current = type; current != null && current.Module == module; current = current.DeclaringType)
            {
                TypeAttributes visibility = current.Attributes & TypeAttributes.VisibilityMask;
                if (visibility == TypeAttributes.NestedPrivate || visibility == TypeAttributes.NestedFamily || visibility == TypeAttributes.NestedFamANDAssem)
                    current.Attributes = (current.Attributes & ~TypeAttributes.VisibilityMask) | TypeAttributes.NestedAssembly;
            }
        }

        public static void MakeReachable(ModuleDefinition module, MethodDefinition method)
        {
            MakeReachable(module, method.DeclaringType);
            if (method.Module != module)
                return;
            MethodAttributes access = method.Attributes & MethodAttributes.MemberAccessMask;
            if (access == MethodAttributes.Private || access == MethodAttributes.FamANDAssem)
                method.Attributes = (method.Attributes & ~MethodAttributes.MemberAccessMask) | MethodAttributes.Assembly;
            else if (access == MethodAttributes.Family)
                method.Attributes = (method.Attributes & ~MethodAttributes.MemberAccessMask) | MethodAttributes.FamORAssem;
        }
    }
}
