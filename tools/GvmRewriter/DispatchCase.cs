// One test of a dispatcher: a receiver that is an instance of TestedType runs Implementation.
// For a generic TestedType, TypeParameterSlots[j] is the position of the slot's declaring-type parameter
// that TestedType's parameter j equals (the dispatcher tests TestedType over its own parameters); it is
// null for a non-generic TestedType.
using Mono.Cecil;

namespace MinimalOS.Tools.GvmRewriter
{
    internal readonly record struct DispatchCase(TypeDefinition TestedType, MethodDefinition Implementation, int[] TypeParameterSlots);
}
