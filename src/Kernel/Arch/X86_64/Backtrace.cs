// Call-stack backtraces of the running kernel: from here (Capture), or from a register state such as a
// panic's snapshot or a trap frame (Walk). Unwinding itself is the portable StackUnwinder working from
// .eh_frame; this file connects it to the CPU state and the kernel image. Never allocates.
using System;
using System.Runtime.CompilerServices;
using MinimalOS.Kernel.Diagnostics;

namespace MinimalOS.Kernel.Arch.X86_64
{
    internal static unsafe class Backtrace
    {
        /// <summary>
        /// Records the calling method's call chain, newest first: [0] is the return address into the method
        /// that called Capture, [1] the one into its caller, and so on. Returns how many were recorded.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static int Capture(Span<ulong> returnAddresses)
        {
            CpuRegisters here = default;
            CpuRegisters.Capture(&here);
            // The snapshot describes this method; the caller's chain starts one frame up.
            if (!TryUnwindToCaller(ref here))
                return 0;
            return Walk(in here, returnAddresses);
        }

        /// <summary>
        /// Records the code address of the frame <paramref name="start"/> describes, then each caller's return
        /// address, newest first. Returns how many were recorded.
        /// </summary>
        public static int Walk(in CpuRegisters start, Span<ulong> frames)
        {
            UnwindRegisters registers = ToUnwind(in start);
            return StackUnwinder.Walk(registers, !start.IsTrapFrame, KernelDebugInfo.UnwindInfo,
                KernelDebugInfo.StackContaining(start.Rsp), KernelDebugInfo.Code, frames);
        }

        /// <summary>
        /// Replaces a snapshot taken at a call with the caller's state at that call: its rip (a return
        /// address), rsp, rbp and callee-saved registers. False, leaving it unchanged, if it cannot be unwound.
        /// </summary>
        public static bool TryUnwindToCaller(ref CpuRegisters registers)
        {
            UnwindRegisters unwound = ToUnwind(in registers);
            if (!StackUnwinder.TryStep(ref unwound, !registers.IsTrapFrame, KernelDebugInfo.UnwindInfo,
                    KernelDebugInfo.StackContaining(registers.Rsp), KernelDebugInfo.Code))
                return false;
            registers.Rip = unwound.Rip;
            registers.Rsp = unwound.Rsp;
            registers.Rbp = unwound.Rbp;
            registers.Rbx = unwound.Rbx;
            registers.R12 = unwound.R12;
            registers.R13 = unwound.R13;
            registers.R14 = unwound.R14;
            registers.R15 = unwound.R15;
            registers.IsTrapFrame = false;
            return true;
        }

        private static UnwindRegisters ToUnwind(in CpuRegisters cpu) => new UnwindRegisters
        {
            Rip = cpu.Rip,
            Rsp = cpu.Rsp,
            Rbp = cpu.Rbp,
            Rbx = cpu.Rbx,
            R12 = cpu.R12,
            R13 = cpu.R13,
            R14 = cpu.R14,
            R15 = cpu.R15,
        };
    }
}
