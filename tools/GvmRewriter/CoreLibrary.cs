// The few core library members a dispatcher needs, found in whichever assembly defines System.Object
// for the rewritten module (MinimalOS.Corelib for the kernel, the .NET core library in host tests) and
// imported into the module, and the core library's own types for instruction tokens. A missing member
// is a build error, never a silently weaker dispatcher.
using System.Linq;
using Mono.Cecil;

namespace MinimalOS.Tools.GvmRewriter
{
    internal sealed class CoreLibrary
    {
        public TypeReference Object { get; }
        public MethodReference NullReferenceExceptionConstructor { get; }
        public MethodReference FailFast { get; }

        private readonly ModuleDefinition _module;
        private readonly ModuleDefinition _core;

        public CoreLibrary(ModuleDefinition module)
        {
            TypeDefinition objectType = FindObject(module);
            ModuleDefinition core = objectType.Module;
            _module = module;
            _core = core;
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

        /// <summary>
        /// <paramref name="type"/> fit to be an instruction's type token. Cecil reads primitive types in
        /// signatures as its own references to a core library it knows by name ("mscorlib"), which this
        /// module does not reference; a bare token must name the real core library's type instead.
        /// </summary>
        public TypeReference ForToken(TypeReference type)
        {
            // Inside a type specification (List<int>, int[]) a primitive is written as its element type.
            if (type is TypeSpecification || type is GenericParameter)
                return type;
            if (type.Module == _module && type.Scope is AssemblyNameReference && type.Namespace == "System" && _core.GetType(type.FullName) is TypeDefinition coreType)
                return _module.ImportReference(coreType);
            return type;
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
