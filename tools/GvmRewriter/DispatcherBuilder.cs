// Generates one static generic dispatcher per generic virtual slot, in a generated static class of the
// rewritten module. For slot `R Base<X...>.M<T...>(A...)` it emits
//     static R Dispatch<X..., T...>(Base<X...> self, A... args)
// whose body runs the planned instance tests (most derived type first) and makes a non-virtual call to
// the matching implementation, instantiated over the dispatcher's own generic parameters; value types
// are unboxed first. After the last test, a null receiver throws NullReferenceException (what a callvirt
// on null means) and any other receiver fails fast naming the slot: the closed world makes that
// unreachable, and a dispatcher must never fall through to a wrong call.
using System.Collections.Generic;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;

namespace MinimalOS.Tools.GvmRewriter
{
    internal sealed class DispatcherBuilder
    {
        public const string DispatcherNamespace = "MinimalOS.Generated";
        public const string DispatcherClassName = "GenericVirtualDispatch";

        private readonly ModuleDefinition _module;
        private readonly CoreLibrary _core;
        private readonly Dictionary<string, int> _namesUsed = new();
        private TypeDefinition _holder;

        public DispatcherBuilder(ModuleDefinition module, CoreLibrary core)
        {
            _module = module;
            _core = core;
        }

        public MethodDefinition Build(MethodDefinition slot, IReadOnlyList<DispatchCase> cases)
        {
            var dispatcher = new MethodDefinition(UniqueName(slot),
                MethodAttributes.Assembly | MethodAttributes.Static | MethodAttributes.HideBySig, slot.ReturnType);
            Holder().Methods.Add(dispatcher);
            var remapper = new GenericParameterRemapper(_module, slot, dispatcher);
            var originals = new List<GenericParameter>(slot.DeclaringType.GenericParameters);
            originals.AddRange(slot.GenericParameters);
            foreach (GenericParameter parameter in originals)
                dispatcher.GenericParameters.Add(new GenericParameter(parameter.Name, dispatcher) { Attributes = parameter.Attributes });
            for (int i = 0; i < originals.Count; i++)
            {
                foreach (GenericParameterConstraint constraint in originals[i].Constraints)
                    dispatcher.GenericParameters[i].Constraints.Add(new GenericParameterConstraint(remapper.Remap(constraint.ConstraintType)));
            }
            dispatcher.ReturnType = remapper.Remap(slot.ReturnType);
            dispatcher.Parameters.Add(new ParameterDefinition("self", ParameterAttributes.None,
                remapper.Remap(GenericSubstitution.SelfReference(slot.DeclaringType))));
            foreach (ParameterDefinition parameter in slot.Parameters)
            {
                ParameterAttributes kept = parameter.Attributes & (ParameterAttributes.In | ParameterAttributes.Out);
                dispatcher.Parameters.Add(new ParameterDefinition(parameter.Name, kept, remapper.Remap(parameter.ParameterType)));
            }
            EmitBody(dispatcher, slot, cases);
            return dispatcher;
        }

        private void EmitBody(MethodDefinition dispatcher, MethodDefinition slot, IReadOnlyList<DispatchCase> cases)
        {
            ILProcessor il = dispatcher.Body.GetILProcessor();
            ParameterDefinition self = dispatcher.Parameters[0];
            foreach (DispatchCase dispatchCase in cases)
            {
                Accessibility.MakeReachable(_module, dispatchCase.TestedType);
                Accessibility.MakeReachable(_module, dispatchCase.Implementation);
                var call = new ImplementationCall(_module, slot, dispatcher, dispatchCase);
                Instruction next = il.Create(OpCodes.Nop);
                il.Emit(OpCodes.Ldarg, self);
                il.Emit(OpCodes.Isinst, call.TestedType);
                il.Emit(OpCodes.Brfalse, next);
                il.Emit(OpCodes.Ldarg, self);
                if (dispatchCase.TestedType.IsValueType && !dispatchCase.Implementation.DeclaringType.IsInterface)
                    il.Emit(OpCodes.Unbox, call.TestedType);
                for (int i = 1; i < dispatcher.Parameters.Count; i++)
                {
                    il.Emit(OpCodes.Ldarg, dispatcher.Parameters[i]);
                    EmitConversion(il, dispatcher.Parameters[i].ParameterType, call.ParameterTypes[i - 1], slot);
                }
                il.Emit(OpCodes.Call, call.Method);
                EmitConversion(il, call.ReturnType, dispatcher.ReturnType, slot);
                il.Emit(OpCodes.Ret);
                il.Append(next);
            }
            Instruction notNull = il.Create(OpCodes.Ldstr,
                $"{DispatchPlanner.Describe(slot)}: the receiver's type has no implementation known when the kernel was built");
            il.Emit(OpCodes.Ldarg, self);
            il.Emit(OpCodes.Brtrue, notNull);
            il.Emit(OpCodes.Newobj, _core.NullReferenceExceptionConstructor);
            il.Emit(OpCodes.Throw);
            il.Append(notNull);
            il.Emit(OpCodes.Call, _core.FailFast);
            // FailFast never returns; the IL still needs a terminating instruction.
            il.Emit(OpCodes.Ldnull);
            il.Emit(OpCodes.Throw);
            dispatcher.Body.OptimizeMacros();
        }

        // An implementation in a closed instantiation (class D : G<int>) takes `int` where the dispatcher,
        // shared by every G<X>, holds an X. The test before the call proves X is int on this path, and
        // box + unbox.any states that in IL (a no-op or a cast once compiled); other instantiations of the
        // dispatcher compile the path but never take it. By-reference values cannot be converted this way.
        private void EmitConversion(ILProcessor il, TypeReference from, TypeReference to, MethodDefinition slot)
        {
            if (SignatureComparer.SameType(from, to) || to.MetadataType == MetadataType.Void)
                return;
            if (from.IsByReference || to.IsByReference || from.IsPointer || to.IsPointer)
                throw new GvmRewriteException(
                    $"{DispatchPlanner.Describe(slot)}: an implementation takes {to.FullName} where the slot has {from.FullName}, which cannot be converted by reference");
            il.Emit(OpCodes.Box, _core.ForToken(from));
            il.Emit(OpCodes.Unbox_Any, _core.ForToken(to));
        }

        private string UniqueName(MethodDefinition slot)
        {
            string name = Sanitize(slot.DeclaringType.FullName) + "__" + Sanitize(slot.Name);
            _namesUsed.TryGetValue(name, out int used);
            _namesUsed[name] = used + 1;
            return used == 0 ? name : name + "_" + used;
        }

        private static string Sanitize(string name)
        {
            char[] characters = name.ToCharArray();
            for (int i = 0; i < characters.Length; i++)
            {
                if (!char.IsAsciiLetterOrDigit(characters[i]))
                    characters[i] = '_';
            }
            return new string(characters);
        }

        private TypeDefinition Holder()
        {
            if (_holder != null)
                return _holder;
            _holder = new TypeDefinition(DispatcherNamespace, DispatcherClassName,
                TypeAttributes.NotPublic | TypeAttributes.Abstract | TypeAttributes.Sealed | TypeAttributes.BeforeFieldInit,
                _core.Object);
            _module.Types.Add(_holder);
            return _holder;
        }
    }
}
