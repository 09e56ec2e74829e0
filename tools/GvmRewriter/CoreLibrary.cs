// The few core library members a dispatcher needs, found in whichever assembly defines System.Object
// for the rewritten module (MinimalOS.Corelib for the kernel, the .NET core library in host tests) and
// imported into the module. A missing member is a build error, never a silently weaker dispatcher.
using System.Linq;
using Mono.Cecil;

namespace MinimalOS.Tools.GvmRewriter
{
    internal sealed class CoreLibrary
    {
        public TypeReference Object { get; }
        public MethodReference NullReferenceExceptionConstructor { get; }
        public MethodReference FailFast { get; }

        public CoreLibrary(ModuleDefinition module)
        {
            TypeDefinition objectType = FindObject(module);
            ModuleDefinition core = objectType.Module;
            Object = module.ImportReference(objectType);
            TypeDefinition nullReference = Require(core, "System.NullReferenceException");
            NullReferenceExceptionConstructor = module.ImportReference(
                nullReference.Methods.FirstOrDefault(m => m.IsConstructor && !m.IsStatic && m.Parameters.Count == 0 && m.IsPublic)
                ?? throw new GvmRewriteException($"{core.Assembly.Name.Name}: System.NullReferenceException has no public parameterless constructor"));
            TypeDefinition environment = Require(core, "System.Environment");
            FailFast = module.ImportReference(
                environment.Methods.FirstOrDefault(m => m.Name == "FailFast" && m.IsStatic && m.IsPublic && m.Parameters.Count == 1
                    && m.Parameters[0].ParameterType.FullName == "System.String")
                ?? throw new GvmRewriteException($"{core.Assembly.Name.Name}: System.Environment.FailFast(string) is missing"));
        }

        private static TypeDefinition FindObject(ModuleDefinition module)
        {
            foreach (TypeDefinition type in module.GetTypes())
            {
                if (type.BaseType == null)
                    continue;
                TypeDefinition current = type;
                while (current.BaseType != null)
                    current = ClassHierarchy.BaseOf(current);
                return current;
            }
            throw new GvmRewriteException($"{module.Name}: no class whose base chain leads to System.Object");
        }

        private static TypeDefinition Require(ModuleDefinition core, string fullName) =>
            core.GetType(fullName) ?? throw new GvmRewriteException($"{core.Assembly.Name.Name}: {fullName} is missing");
    }
}
