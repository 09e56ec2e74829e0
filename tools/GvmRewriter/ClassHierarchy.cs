// The class side of the closed world: base classes, the virtual slot each method occupies, and the
// method that fills a slot in a given class (the most derived override). Follows the CLI rules: a
// newslot method starts a slot, a virtual method without newslot reuses the slot of the nearest base
// method with its name and signature (compared with the base's type arguments substituted), an explicit
// .override fills the overridden method's slot.
// It only answers questions; it never changes the module.
using System.Collections.Generic;
using Mono.Cecil;

namespace MinimalOS.Tools.GvmRewriter
{
    internal sealed class ClassHierarchy
    {
        private readonly Dictionary<MethodDefinition, MethodDefinition> _slots = new();

        public static TypeDefinition BaseOf(TypeDefinition type)
        {
            if (type.BaseType == null)
                return null;
            return type.BaseType.Resolve()
                ?? throw new GvmRewriteException($"{type.FullName}: base class {type.BaseType.FullName} cannot be resolved (is its assembly next to the input?)");
        }

        public static int Depth(TypeDefinition type)
        {
            int depth = 0;
            for (TypeDefinition current = BaseOf(type); current != null; current = BaseOf(current))
                depth++;
            return depth;
        }

        public static bool DerivesFromOrIs(TypeDefinition type, TypeDefinition ancestor)
        {
            for (TypeDefinition current = type; current != null; current = BaseOf(current))
            {
                if (current == ancestor)
                    return true;
            }
            return false;
        }

        /// <summary>The method that introduced the class virtual slot <paramref name="method"/> occupies.</summary>
        public MethodDefinition SlotOf(MethodDefinition method)
        {
            if (_slots.TryGetValue(method, out MethodDefinition known))
                return known;
            MethodDefinition slot = FindSlot(method);
            _slots[method] = slot;
            return slot;
        }

        private MethodDefinition FindSlot(MethodDefinition method)
        {
            foreach (MethodReference overridden in method.Overrides)
            {
                MethodDefinition target = overridden.Resolve();
                if (target != null && !target.DeclaringType.IsInterface)
                    return SlotOf(target);
            }
            if (method.IsNewSlot)
                return method;
            // Walk the bases as the method's class sees them, so signatures compare after substitution.
            TypeReference seen = GenericSubstitution.SelfReference(method.DeclaringType);
            for (TypeDefinition type = method.DeclaringType; type.BaseType != null; type = BaseOf(type))
            {
                seen = GenericSubstitution.Substitute(type.BaseType, GenericSubstitution.ArgumentsOf(seen), null);
                foreach (MethodDefinition candidate in BaseOf(type).Methods)
                {
                    if (candidate.IsVirtual && !candidate.IsStatic
                        && SignatureComparer.SameNameAndSignature(candidate, GenericSubstitution.ArgumentsOf(seen), method, null))
                        return SlotOf(candidate);
                }
            }
            return method;
        }

        /// <summary>The method filling <paramref name="slot"/> in <paramref name="type"/>: its most derived override.</summary>
        public MethodDefinition ImplementationIn(TypeDefinition type, MethodDefinition slot)
        {
            for (TypeDefinition current = type; current != null; current = BaseOf(current))
            {
                foreach (MethodDefinition candidate in current.Methods)
                {
                    if (candidate.IsVirtual && !candidate.IsStatic && candidate.HasGenericParameters == slot.HasGenericParameters
                        && OccupiesSlot(candidate, slot))
                        return candidate;
                }
                if (current == slot.DeclaringType)
                    break;
            }
            return null;
        }

        private bool OccupiesSlot(MethodDefinition candidate, MethodDefinition slot)
        {
            if (candidate == slot)
                return true;
            if (candidate.Name != slot.Name && !candidate.HasOverrides)
                return false;
            return SlotOf(candidate) == slot;
        }
    }
}
