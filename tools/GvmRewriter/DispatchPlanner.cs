// Decides, for one generic virtual slot, which receiver types the dispatcher tests and in which order.
// Every type of the closed world that can hold the slot is examined; a type gets a test only where its
// implementation differs from its base class's (or where the slot or interface enters the hierarchy), and
// the tests run from the most derived type to the least derived one, so the first instance test that
// succeeds names the receiver's most derived implementation. Refuses (build error) what the dispatcher
// could not test correctly: a new implementation in a generic type, a concrete type without one.
using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;

namespace MinimalOS.Tools.GvmRewriter
{
    internal sealed class DispatchPlanner
    {
        private readonly IReadOnlyList<TypeDefinition> _closedWorld;
        private readonly ClassHierarchy _classes;
        private readonly InterfaceImplementations _interfaces;

        public DispatchPlanner(IReadOnlyList<TypeDefinition> closedWorld, ClassHierarchy classes, InterfaceImplementations interfaces)
        {
            _closedWorld = closedWorld;
            _classes = classes;
            _interfaces = interfaces;
        }

        public List<DispatchCase> Plan(MethodDefinition slot)
        {
            var cases = new List<DispatchCase>();
            foreach (TypeDefinition type in _closedWorld)
            {
                if (type.IsInterface || !CanHold(type, slot))
                    continue;
                MethodDefinition implementation = ImplementationIn(type, slot);
                if (implementation == null || implementation.IsAbstract)
                {
                    if (!type.IsAbstract)
                        throw new GvmRewriteException($"{Describe(slot)}: concrete type {type.FullName} has no implementation");
                    continue;
                }
                TypeDefinition baseType = ClassHierarchy.BaseOf(type);
                bool inherited = baseType != null && CanHold(baseType, slot) && ImplementationIn(baseType, slot) == implementation;
                if (inherited)
                    continue;
                if (type.HasGenericParameters)
                    throw new GvmRewriteException(
                        $"{Describe(slot)}: implemented in generic type {type.FullName}, whose instances the dispatcher cannot test without its type arguments");
                cases.Add(new DispatchCase(type, implementation));
            }
            return cases.OrderByDescending(c => ClassHierarchy.Depth(c.TestedType)).ThenBy(c => c.TestedType.FullName).ToList();
        }

        public static string Describe(MethodDefinition slot) => $"generic virtual method {slot.FullName}";

        private bool CanHold(TypeDefinition type, MethodDefinition slot) =>
            slot.DeclaringType.IsInterface
                ? InterfaceImplementations.AllInterfaces(type).Contains(slot.DeclaringType)
                : ClassHierarchy.DerivesFromOrIs(type, slot.DeclaringType);

        private MethodDefinition ImplementationIn(TypeDefinition type, MethodDefinition slot) =>
            slot.DeclaringType.IsInterface ? _interfaces.ImplementationIn(type, slot) : _classes.ImplementationIn(type, slot);
    }
}
