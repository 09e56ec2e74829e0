// Rewrites a type from a generic virtual slot's signature for its dispatcher, whose generic parameters
// are the declaring type's followed by the method's: !n becomes the dispatcher's parameter n, !!n its
// parameter (declaring type's count + n); everything else is imported into the module.
using Mono.Cecil;

namespace MinimalOS.Tools.GvmRewriter
{
    internal sealed class GenericParameterRemapper
    {
        private readonly ModuleDefinition _module;
        private readonly MethodDefinition _slot;
        private readonly MethodDefinition _dispatcher;

        public GenericParameterRemapper(ModuleDefinition module, MethodDefinition slot, MethodDefinition dispatcher)
        {
            _module = module;
            _slot = slot;
            _dispatcher = dispatcher;
        }

        public TypeReference Remap(TypeReference type)
        {
            switch (type)
            {
                case GenericParameter parameter when parameter.Type == GenericParameterType.Method:
                    return _dispatcher.GenericParameters[_slot.DeclaringType.GenericParameters.Count + parameter.Position];
                case GenericParameter parameter:
                    return _dispatcher.GenericParameters[parameter.Position];
                case GenericInstanceType instance:
                    var remapped = new GenericInstanceType(_module.ImportReference(instance.ElementType));
                    foreach (TypeReference argument in instance.GenericArguments)
                        remapped.GenericArguments.Add(Remap(argument));
                    return remapped;
                case ArrayType array:
                    return new ArrayType(Remap(array.ElementType), array.Rank);
                case ByReferenceType reference:
                    return new ByReferenceType(Remap(reference.ElementType));
                case PointerType pointer:
                    return new PointerType(Remap(pointer.ElementType));
                case RequiredModifierType required:
                    return new RequiredModifierType(_module.ImportReference(required.ModifierType), Remap(required.ElementType));
                case OptionalModifierType optional:
                    return new OptionalModifierType(_module.ImportReference(optional.ModifierType), Remap(optional.ElementType));
                case TypeSpecification:
                    throw new GvmRewriteException($"{DispatchPlanner.Describe(_slot)}: its signature uses {type.FullName}, which the rewriter does not handle");
                default:
                    return _module.ImportReference(type);
            }
        }
    }
}
