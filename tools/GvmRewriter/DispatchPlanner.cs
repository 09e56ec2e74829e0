// Decides, for one generic virtual slot, which receiver types the dispatcher tests and in which order.
// Every type of the closed world that can hold the slot is examined; a type gets a test only where its
// implementation differs from its base class's (or where the slot or interface enters the hierarchy), and
// the tests run from the most derived type to the least derived one, so the first instance test that
// succeeds names the receiver's most derived implementation. A generic type can be tested only when its
// type parameters are exactly those of the slot's declaring type (class D<Y> : G<Y>), which the dispatcher
// then knows; otherwise, and for a concrete type without an implementation, it refuses (build error).
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
                // A type holding two instantiations of a generic slot type has one implementation per
                // instantiation, which one instance test cannot choose between: this refuses it.
                GenericSubstitution.InstantiationOf(type, slot.DeclaringType, Describe(slot));
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
                cases.Add(new DispatchCase(type, implementation, TypeParameterSlots(type, slot)));
            }
            return cases.OrderByDescending(c => ClassHierarchy.Depth(c.TestedType)).ThenBy(c => c.TestedType.FullName).ToList();
        }

        // Where each of the tested type's parameters sits among the slot's declaring type's arguments.
        private static int[] TypeParameterSlots(TypeDefinition type, MethodDefinition slot)
        {
            if (!type.HasGenericParameters)
                return null;
            TypeReference seen = GenericSubstitution.InstantiationOf(type, slot.DeclaringType, Describe(slot));
            var arguments = GenericSubstitution.ArgumentsOf(seen);
            if (arguments == null)
                throw new GvmRewriteException(
                    $"{Describe(slot)}: implemented in generic type {type.FullName}, whose instances the dispatcher cannot test without its type arguments");
            var slots = new int[type.GenericParameters.Count];
            System.Array.Fill(slots, -1);
            for (int i = 0; i < arguments.Count; i++)
            {
                if (arguments[i] is GenericParameter parameter && parameter.Type == GenericParameterType.Type && slots[parameter.Position] < 0)
                    slots[parameter.Position] = i;
            }
            if (System.Array.IndexOf(slots, -1) >= 0)
                throw new GvmRewriteException(
                    $"{Describe(slot)}: implemented in generic type {type.FullName}, which sees the slot's type as {seen.FullName}: its type arguments cannot all be taken from the call site");
            return slots;
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
