// Compares two methods' signatures the way the CLI matches an override or an implicit interface
// implementation by name and signature: method generic parameters match by position (their names may
// differ), custom modifiers are ignored. Across generic types each side's type parameters are first
// replaced by the arguments its declaring type has as seen from the type being examined.
using System.Collections.Generic;
using Mono.Cecil;

namespace MinimalOS.Tools.GvmRewriter
{
    internal static class SignatureComparer
    {
        public static bool SameNameAndSignature(MethodReference a, MethodReference b) => SameNameAndSignature(a, null, b, null);

        public static bool SameNameAndSignature(MethodReference a, IReadOnlyList<TypeReference> aTypeArguments,
            MethodReference b, IReadOnlyList<TypeReference> bTypeArguments)
        {
            if (a.Name != b.Name || a.HasThis != b.HasThis)
                return false;
            if (a.GenericParameters.Count != b.GenericParameters.Count || a.Parameters.Count != b.Parameters.Count)
                return false;
            if (!SameType(GenericSubstitution.Substitute(a.ReturnType, aTypeArguments, null), GenericSubstitution.Substitute(b.ReturnType, bTypeArguments, null)))
                return false;
            for (int i = 0; i < a.Parameters.Count; i++)
            {
                if (!SameType(GenericSubstitution.Substitute(a.Parameters[i].ParameterType, aTypeArguments, null),
                        GenericSubstitution.Substitute(b.Parameters[i].ParameterType, bTypeArguments, null)))
                    return false;
            }
            return true;
        }

        public static bool SameType(TypeReference a, TypeReference b)
        {
            a = WithoutModifiers(a);
            b = WithoutModifiers(b);
            switch (a)
            {
                case GenericParameter pa:
                    return b is GenericParameter pb && pa.Type == pb.Type && pa.Position == pb.Position;
                case GenericInstanceType ia:
                    if (b is not GenericInstanceType ib || ia.GenericArguments.Count != ib.GenericArguments.Count)
                        return false;
                    if (!SameType(ia.ElementType, ib.ElementType))
                        return false;
                    for (int i = 0; i < ia.GenericArguments.Count; i++)
                    {
                        if (!SameType(ia.GenericArguments[i], ib.GenericArguments[i]))
                            return false;
                    }
                    return true;
                case ArrayType aa:
                    return b is ArrayType ab && aa.Rank == ab.Rank && SameType(aa.ElementType, ab.ElementType);
                case ByReferenceType ra:
                    return b is ByReferenceType rb && SameType(ra.ElementType, rb.ElementType);
                case PointerType qa:
                    return b is PointerType qb && SameType(qa.ElementType, qb.ElementType);
                default:
                    return b is not TypeSpecification && b is not GenericParameter && a.FullName == b.FullName;
            }
        }

        private static TypeReference WithoutModifiers(TypeReference type)
        {
            while (type is IModifierType modified)
                type = modified.ElementType;
            return type;
        }
    }
}
