// One test of a dispatcher: a receiver that is an instance of TestedType runs Implementation.
using Mono.Cecil;

namespace MinimalOS.Tools.GvmRewriter
{
    internal readonly record struct DispatchCase(TypeDefinition TestedType, MethodDefinition Implementation);
}
