// Walks a call stack from a starting register state to its callers: each step finds the frame's .eh_frame
// rules (ilc emits them for every method, including the frameless ones that an rbp chain would skip) and
// applies them; code without CFI (the assembly routines) is stepped through its rbp frame. Every step is
// validated - reads stay inside the stack, the stack pointer strictly rises, the return address lies in
// kernel code - so a corrupt stack ends the walk early instead of faulting or looping.
using System;

namespace MinimalOS.Kernel.Diagnostics
{
    public static class StackUnwinder
    {
        /// <summary>
        /// Replaces <paramref name="registers"/> with the caller's registers at the point of the call. A
        /// return address points after its call instruction (possibly past the end of the function), so
        /// when <paramref name="ripIsReturnAddress"/> the rules are looked up at Rip - 1.
        /// </summary>
        public static bool TryStep(ref UnwindRegisters registers, bool ripIsReturnAddress, in EhFrameSection unwindInfo,
            in StackMemory stack, AddressRange code)
        {
            ulong location = ripIsReturnAddress ? registers.Rip - 1 : registers.Rip;
            UnwindRegisters caller;
            if (unwindInfo.TryFindFrame(location, out FrameDescription frame))
            {
                if (!CallFrameInstructions.TryComputeRow(in frame, location, out CfiRow row))
                    return false;
                if (!TryApply(in row, in registers, in stack, out caller))
                    return false;
            }
            else if (!TryFollowFramePointer(in registers, in stack, out caller))
            {
                return false;
            }
            if (caller.Rsp <= registers.Rsp || caller.Rsp > stack.Top || !code.Contains(caller.Rip))
                return false;
            registers = caller;
            return true;
        }

        /// <summary>
        /// Records the code address of <paramref name="start"/>'s frame and of each caller, newest first,
        /// until the stack ends, cannot be unwound further, or <paramref name="frames"/> is full.
        /// Every recorded address after the first is a return address.
        /// </summary>
        public static int Walk(UnwindRegisters start, bool ripIsReturnAddress, in EhFrameSection unwindInfo,
            in StackMemory stack, AddressRange code, Span<ulong> frames)
        {
            int count = 0;
            UnwindRegisters registers = start;
            while (count < frames.Length && code.Contains(registers.Rip))
            {
                frames[count++] = registers.Rip;
                if (!TryStep(ref registers, ripIsReturnAddress, in unwindInfo, in stack, code))
                    break;
                ripIsReturnAddress = true;
            }
            return count;
        }

        private static bool TryApply(in CfiRow row, in UnwindRegisters registers, in StackMemory stack, out UnwindRegisters caller)
        {
            caller = registers;
            ulong cfaBase;
            if (row.CfaRegister == CfiRow.Rsp)
                cfaBase = registers.Rsp;
            else if (row.CfaRegister == CfiRow.Rbp)
                cfaBase = registers.Rbp;
            else
                return false;
            ulong cfa = cfaBase + (ulong)row.CfaOffset;
            // An undefined return address marks the outermost frame: there is no caller to step to.
            if (row.ReturnAddressRule.Kind == RegisterRuleKind.Undefined || row.ReturnAddressRule.Kind == RegisterRuleKind.SameValue)
                return false;
            bool recovered = TryRecover(row.ReturnAddressRule, cfa, in stack, ref caller.Rip)
                && TryRecover(row.RbpRule, cfa, in stack, ref caller.Rbp)
                && TryRecover(row.RbxRule, cfa, in stack, ref caller.Rbx)
                && TryRecover(row.R12Rule, cfa, in stack, ref caller.R12)
                && TryRecover(row.R13Rule, cfa, in stack, ref caller.R13)
                && TryRecover(row.R14Rule, cfa, in stack, ref caller.R14)
                && TryRecover(row.R15Rule, cfa, in stack, ref caller.R15);
            // The CFA is by definition the caller's stack pointer at the call.
            caller.Rsp = cfa;
            return recovered;
        }

        private static bool TryRecover(RegisterRule rule, ulong cfa, in StackMemory stack, ref ulong value)
        {
            switch (rule.Kind)
            {
                case RegisterRuleKind.SameValue:
                    return true;
                case RegisterRuleKind.Undefined:
                    value = 0;
                    return true;
                case RegisterRuleKind.SavedAtCfaOffset:
                    return stack.TryReadWord(cfa + (ulong)rule.Offset, out value);
                default:
                    value = cfa + (ulong)rule.Offset;
                    return true;
            }
        }

        // The conventional frame: [rbp] = caller's rbp, [rbp + 8] = return address, caller's rsp = rbp + 16.
        private static bool TryFollowFramePointer(in UnwindRegisters registers, in StackMemory stack, out UnwindRegisters caller)
        {
            caller = registers;
            ulong framePointer = registers.Rbp;
            if (framePointer < registers.Rsp)
                return false;
            if (!stack.TryReadWord(framePointer, out caller.Rbp) || !stack.TryReadWord(framePointer + 8, out caller.Rip))
                return false;
            caller.Rsp = framePointer + 16;
            return true;
        }
    }
}
