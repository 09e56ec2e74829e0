// Closed-world devirtualisation of generic virtual methods (GVMs) in one assembly. ilc compiles every
// callvirt to a GVM into a run-time lookup that cannot work with our corelib (docs/RUNTIME.md), while the
// kernel is a closed world: every type that can ever receive the call is in the assembly. So each
// `callvirt Slot<args>` (or a callvirt to one of its overrides) becomes `call Dispatch<args>(receiver, ...)`
// with the same stack shape, and each dispatcher tests the receiver's type and calls the implementation
// directly; a slot of a generic type G<X> gets a dispatcher generic over X too, instantiated from the call
// site's G<A>. Non-virtual calls (base.M<T>()) and ldftn stay as they are. What cannot be dispatched
// correctly this way is a build error naming the method and the reason; the input is then left alone.
using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace MinimalOS.Tools.GvmRewriter
{
    public static class GvmRewriter
    {
        /// <summary>Rewrites <paramref name="module"/> in memory; returns how many call sites now go through a dispatcher.</summary>
        public static RewriteSummary Rewrite(ModuleDefinition module)
        {
            List<TypeDefinition> closedWorld = module.GetTypes().ToList();
            var classes = new ClassHierarchy();
            var planner = new DispatchPlanner(closedWorld, classes, new InterfaceImplementations(classes));
            var dispatchers = new Dictionary<MethodDefinition, MethodDefinition>();
            var sites = new List<(Instruction Call, MethodDefinition Slot, GenericInstanceMethod Target)>();
            foreach (TypeDefinition type in closedWorld)
            {
                foreach (MethodDefinition method in type.Methods)
                {
                    if (!method.HasBody)
                        continue;
                    foreach (Instruction instruction in method.Body.Instructions)
                    {
                        if (instruction.Operand is not MethodReference target || !IsGenericVirtual(target, out MethodDefinition resolved))
                            continue;
                        string where = $"in {method.FullName}: ";
                        if (instruction.OpCode == OpCodes.Ldvirtftn)
                            throw new GvmRewriteException(where + $"ldvirtftn of generic virtual method {resolved.FullName} (a delegate to a virtual GVM) is not supported");
                        if (instruction.OpCode != OpCodes.Callvirt)
                            continue;
                        if (instruction.Previous?.OpCode == OpCodes.Constrained)
                            throw new GvmRewriteException(where + $"constrained. callvirt of generic virtual method {resolved.FullName} (a call on a type parameter or a value type) is not supported");
                        if (resolved.Module != module)
                            throw new GvmRewriteException(where + $"generic virtual method {resolved.FullName} is declared outside {module.Assembly.Name.Name}, so its implementations are not all known");
                        if (resolved.DeclaringType.GenericParameters.Any(p => (p.Attributes & GenericParameterAttributes.VarianceMask) != 0))
                            throw new GvmRewriteException(where + $"generic virtual method {resolved.FullName} is declared in a variant generic interface, whose variance conversions the dispatcher does not follow");
                        MethodDefinition slot = resolved.DeclaringType.IsInterface ? resolved : classes.SlotOf(resolved);
                        if (slot.Module != module)
                            throw new GvmRewriteException(where + $"{resolved.FullName} overrides generic virtual method {slot.FullName}, which is declared outside {module.Assembly.Name.Name}, so its implementations are not all known");
                        sites.Add((instruction, slot, (GenericInstanceMethod)target));
                    }
                }
            }
            if (sites.Count == 0)
                return new RewriteSummary(0, 0);
            var builder = new DispatcherBuilder(module, new CoreLibrary(module));
            foreach ((Instruction call, MethodDefinition slot, GenericInstanceMethod target) in sites)
            {
                if (!dispatchers.TryGetValue(slot, out MethodDefinition dispatcher))
                {
                    dispatcher = builder.Build(slot, planner.Plan(slot));
                    dispatchers.Add(slot, dispatcher);
                }
                var instance = new GenericInstanceMethod(dispatcher);
                foreach (TypeReference argument in SlotTypeArguments(target, slot))
                    instance.GenericArguments.Add(argument);
                foreach (TypeReference argument in target.GenericArguments)
                    instance.GenericArguments.Add(argument);
                call.OpCode = OpCodes.Call;
                call.Operand = instance;
            }
            return new RewriteSummary(sites.Count, dispatchers.Count);
        }

        // The slot's declaring-type arguments at a call site: the call names G<A>::M or an override in a
        // type deriving from G, whose arguments give G's.
        private static IEnumerable<TypeReference> SlotTypeArguments(GenericInstanceMethod target, MethodDefinition slot)
        {
            if (!slot.DeclaringType.HasGenericParameters)
                return Enumerable.Empty<TypeReference>();
            TypeReference caller = target.ElementMethod.DeclaringType;
            TypeReference seen = GenericSubstitution.InstantiationOf(caller.Resolve(), slot.DeclaringType, DispatchPlanner.Describe(slot));
            return GenericSubstitution.ArgumentsOf(GenericSubstitution.Substitute(seen, GenericSubstitution.ArgumentsOf(caller), null));
        }

        private static bool IsGenericVirtual(MethodReference target, out MethodDefinition resolved)
        {
            resolved = null;
            if (target is not GenericInstanceMethod)
                return false;
            resolved = target.Resolve()
                ?? throw new GvmRewriteException($"{target.FullName} cannot be resolved (is its assembly next to the input?)");
            return resolved.IsVirtual && !resolved.IsStatic && resolved.HasGenericParameters;
        }
    }
}
