// How a dispatcher names one dispatch case in its own generic terms: the tested type (a generic one
// over the dispatcher's type parameters), the implementation as a method reference on its declaring type
// as the tested type sees it, instantiated over the dispatcher's method parameters, and the parameter and
// return types that reference expects (which differ from the dispatcher's where the tested type fixes
// the slot's type arguments, e.g. class D : G<int>).
using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;

namespace MinimalOS.Tools.GvmRewriter
{
    internal sealed class ImplementationCall
    {
        public TypeReference TestedType { get; }
        public MethodReference Method { get; }
        public IReadOnlyList<TypeReference> ParameterTypes { get; }
        public TypeReference ReturnType { get; }

        public ImplementationCall(ModuleDefinition module, MethodDefinition slot, MethodDefinition dispatcher, DispatchCase dispatchCase)
        {
            int typeParameterCount = slot.DeclaringType.GenericParameters.Count;
            List<TypeReference> methodArguments = dispatcher.GenericParameters.Skip(typeParameterCount).Cast<TypeReference>().ToList();
            // The tested type's own parameters, in the dispatcher's terms.
            List<TypeReference> testedArguments = dispatchCase.TypeParameterSlots?
                .Select(position => (TypeReference)dispatcher.GenericParameters[position]).ToList();
            TestedType = module.ImportReference(GenericSubstitution.Substitute(
                GenericSubstitution.SelfReference(dispatchCase.TestedType), testedArguments, null));

            MethodDefinition implementation = dispatchCase.Implementation;
            TypeReference owner = GenericSubstitution.Substitute(
                GenericSubstitution.InstantiationOf(dispatchCase.TestedType, implementation.DeclaringType, DispatchPlanner.Describe(slot)),
                testedArguments, null);
            IReadOnlyList<TypeReference> ownerArguments = GenericSubstitution.ArgumentsOf(owner);
            MethodReference reference = owner is GenericInstanceType ? OnInstance(module, implementation, owner) : module.ImportReference(implementation);
            if (implementation.HasGenericParameters)
            {
                var instance = new GenericInstanceMethod(reference);
                foreach (TypeReference argument in methodArguments)
                    instance.GenericArguments.Add(argument);
                reference = instance;
            }
            Method = reference;
            ParameterTypes = implementation.Parameters
                .Select(p => GenericSubstitution.Substitute(p.ParameterType, ownerArguments, methodArguments)).ToList();
            ReturnType = GenericSubstitution.Substitute(implementation.ReturnType, ownerArguments, methodArguments);
        }

        // A reference to a method of a generic type instance keeps the method's open signature.
        private static MethodReference OnInstance(ModuleDefinition module, MethodDefinition implementation, TypeReference owner)
        {
            var reference = new MethodReference(implementation.Name, implementation.ReturnType, module.ImportReference(owner))
            {
                HasThis = implementation.HasThis,
                ExplicitThis = implementation.ExplicitThis,
                CallingConvention = implementation.CallingConvention,
            };
            foreach (GenericParameter parameter in implementation.GenericParameters)
                reference.GenericParameters.Add(new GenericParameter(parameter.Name, reference));
            foreach (ParameterDefinition parameter in implementation.Parameters)
                reference.Parameters.Add(new ParameterDefinition(parameter.ParameterType));
            return reference;
        }
    }
}
