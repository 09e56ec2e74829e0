// Type substitution for generic types: replaces type parameters (!n) and method parameters (!!n) by
// arguments, and lists a type's base classes and interfaces as the type itself sees them (a class
// `D<Y> : G<List<Y>>` sees its base as G<List<Y>>). Pure functions over Cecil references.
using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;

namespace MinimalOS.Tools.GvmRewriter
{
    internal static class GenericSubstitution
    {
        /// <summary><paramref name="type"/> with !n replaced by typeArguments[n] and !!n by methodArguments[n] (null: left alone).</summary>
        public static TypeReference Substitute(TypeReference type, IReadOnlyList<TypeReference> typeArguments, IReadOnlyList<TypeReference> methodArguments)
        {
            switch (type)
            {
                case GenericParameter parameter when parameter.Type == GenericParameterType.Type && typeArguments != null:
                    return typeArguments[parameter.Position];
                case GenericParameter parameter when parameter.Type == GenericParameterType.Method && methodArguments != null:
                    return methodArguments[parameter.Position];
                case GenericInstanceType instance:
                    var result = new GenericInstanceType(instance.ElementType);
                    foreach (TypeReference argument in instance.GenericArguments)
                        result.GenericArguments.Add(Substitute(argument, typeArguments, methodArguments));
                    return result;
                case ArrayType array:
                    return new ArrayType(Substitute(array.ElementType, typeArguments, methodArguments), array.Rank);
                case ByReferenceType reference:
                    return new ByReferenceType(Substitute(reference.ElementType, typeArguments, methodArguments));
                case PointerType pointer:
                    return new PointerType(Substitute(pointer.ElementType, typeArguments, methodArguments));
                case RequiredModifierType required:
                    return new RequiredModifierType(required.ModifierType, Substitute(required.ElementType, typeArguments, methodArguments));
                case OptionalModifierType optional:
                    return new OptionalModifierType(optional.ModifierType, Substitute(optional.ElementType, typeArguments, methodArguments));
                default:
                    return type;
            }
        }

        public static IReadOnlyList<TypeReference> ArgumentsOf(TypeReference type) =>
            type is GenericInstanceType instance ? instance.GenericArguments.ToList() : null;

        /// <summary>The type as it names itself inside its own definition: G&lt;!0, !1&gt; for a generic type.</summary>
        public static TypeReference SelfReference(TypeDefinition type)
        {
            if (!type.HasGenericParameters)
                return type;
            var self = new GenericInstanceType(type);
            foreach (GenericParameter parameter in type.GenericParameters)
                self.GenericArguments.Add(parameter);
            return self;
        }

        /// <summary>The type itself, its base classes and every interface it implements, in its own terms.</summary>
        public static List<TypeReference> AncestorsSeenFrom(TypeDefinition type)
        {
            var result = new List<TypeReference>();
            var pending = new Queue<TypeReference>();
            pending.Enqueue(SelfReference(type));
            var seen = new HashSet<string>();
            while (pending.Count > 0)
            {
                TypeReference current = pending.Dequeue();
                if (!seen.Add(current.FullName))
                    continue;
                result.Add(current);
                TypeDefinition definition = current.Resolve()
                    ?? throw new GvmRewriteException($"{type.FullName}: {current.FullName} cannot be resolved");
                IReadOnlyList<TypeReference> arguments = ArgumentsOf(current);
                if (definition.BaseType != null)
                    pending.Enqueue(Substitute(definition.BaseType, arguments, null));
                foreach (InterfaceImplementation implemented in definition.Interfaces)
                    pending.Enqueue(Substitute(implemented.InterfaceType, arguments, null));
            }
            return result;
        }

        /// <summary>How <paramref name="type"/> sees <paramref name="ancestor"/>; a build error when it implements several instantiations of it.</summary>
        public static TypeReference InstantiationOf(TypeDefinition type, TypeDefinition ancestor, string context)
        {
            TypeReference found = null;
            foreach (TypeReference candidate in AncestorsSeenFrom(type))
            {
                if (candidate.Resolve() != ancestor)
                    continue;
                if (found != null)
                    throw new GvmRewriteException(
                        $"{context}: {type.FullName} implements both {found.FullName} and {candidate.FullName}, which the dispatcher cannot tell apart");
                found = candidate;
            }
            return found;
        }
    }
}
