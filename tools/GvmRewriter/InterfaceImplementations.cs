// The interface side of the closed world: which interfaces a type implements and which method a type
// uses for an interface method, following the CLI rules in this order: an explicit .override in the type
// or its nearest base, then (in a class that declares the interface itself) a public virtual method with
// the name and signature (after substituting type arguments), then the most specific default implementation among the type's interfaces.
// A virtual class method found this way stands for its slot: the type's most derived override is the
// answer. It only answers questions; it never changes the module.
using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;

namespace MinimalOS.Tools.GvmRewriter
{
    internal sealed class InterfaceImplementations
    {
        private readonly ClassHierarchy _classes;

        public InterfaceImplementations(ClassHierarchy classes) => _classes = classes;

        /// <summary>Every interface <paramref name="type"/> implements, from its bases and through interface inheritance.</summary>
        public static HashSet<TypeDefinition> AllInterfaces(TypeDefinition type)
        {
            var result = new HashSet<TypeDefinition>();
            for (TypeDefinition current = type; current != null; current = ClassHierarchy.BaseOf(current))
                AddInterfaces(current, result);
            return result;
        }

        private static void AddInterfaces(TypeDefinition type, HashSet<TypeDefinition> result)
        {
            foreach (InterfaceImplementation implemented in type.Interfaces)
            {
                TypeDefinition definition = implemented.InterfaceType.Resolve()
                    ?? throw new GvmRewriteException($"{type.FullName}: interface {implemented.InterfaceType.FullName} cannot be resolved");
                if (result.Add(definition))
                    AddInterfaces(definition, result);
            }
        }

        /// <summary>The method <paramref name="type"/> runs for interface method <paramref name="slot"/>; null when it has none (abstract types).</summary>
        public MethodDefinition ImplementationIn(TypeDefinition type, MethodDefinition slot)
        {
            TypeDefinition declaringInterface = slot.DeclaringType;
            for (TypeDefinition current = type; current != null; current = ClassHierarchy.BaseOf(current))
            {
                foreach (MethodDefinition candidate in current.Methods)
                {
                    if (candidate.Overrides.Any(o => o.Resolve() == slot))
                        return MostDerived(type, candidate);
                }
                if (current.Interfaces.Any(i => i.InterfaceType.Resolve() == declaringInterface))
                {
                    MethodDefinition byName = FindPublicByNameAndSignature(current, slot);
                    if (byName != null)
                        return MostDerived(type, byName);
                }
            }
            return MostSpecificDefault(type, slot);
        }

        private static MethodDefinition FindPublicByNameAndSignature(TypeDefinition type, MethodDefinition slot)
        {
            TypeReference implemented = GenericSubstitution.InstantiationOf(type, slot.DeclaringType, DispatchPlanner.Describe(slot));
            IReadOnlyList<TypeReference> slotArguments = GenericSubstitution.ArgumentsOf(implemented);
            TypeReference seen = GenericSubstitution.SelfReference(type);
            for (TypeDefinition current = type; current != null; current = ClassHierarchy.BaseOf(current))
            {
                foreach (MethodDefinition candidate in current.Methods)
                {
                    if (candidate.IsPublic && candidate.IsVirtual && !candidate.IsStatic
                        && SignatureComparer.SameNameAndSignature(candidate, GenericSubstitution.ArgumentsOf(seen), slot, slotArguments))
                        return candidate;
                }
                if (current.BaseType != null)
                    seen = GenericSubstitution.Substitute(current.BaseType, GenericSubstitution.ArgumentsOf(seen), null);
            }
            return null;
        }

        private MethodDefinition MostDerived(TypeDefinition type, MethodDefinition method)
        {
            if (method.DeclaringType.IsInterface || method.IsFinal || !method.IsVirtual)
                return method;
            return _classes.ImplementationIn(type, _classes.SlotOf(method));
        }

        private static MethodDefinition MostSpecificDefault(TypeDefinition type, MethodDefinition slot)
        {
            var candidates = new List<MethodDefinition>();
            if (!slot.IsAbstract)
                candidates.Add(slot);
            foreach (TypeDefinition implemented in AllInterfaces(type))
            {
                foreach (MethodDefinition candidate in implemented.Methods)
                {
                    if (!candidate.IsAbstract && candidate.Overrides.Any(o => o.Resolve() == slot))
                        candidates.Add(candidate);
                }
            }
            // A default is hidden by another one declared in an interface that inherits the first one's interface.
            List<MethodDefinition> mostSpecific = candidates
                .Where(c => !candidates.Any(other => other != c && other.DeclaringType != c.DeclaringType
                    && AllInterfaces(other.DeclaringType).Contains(c.DeclaringType)))
                .ToList();
            if (mostSpecific.Count > 1)
                throw new GvmRewriteException(
                    $"{slot.FullName}: {type.FullName} has no most specific implementation ({string.Join(", ", mostSpecific.Select(m => m.FullName))})");
            return mostSpecific.Count == 1 ? mostSpecific[0] : null;
        }
    }
}
