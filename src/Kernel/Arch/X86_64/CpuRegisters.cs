// A snapshot of the CPU's registers for diagnostics. Capture takes one in software at a call, where only
// the callee-saved registers, rsp, rip (a return address), rflags and the control registers mean anything;
// an exception handler fills every field from its trap frame and sets IsTrapFrame. The field order is
// shared with Native/register_snapshot.asm.
using System.Runtime;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MinimalOS.Kernel.Arch.X86_64
{
    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct CpuRegisters
    {
        public ulong Rax, Rbx, Rcx, Rdx, Rsi, Rdi, Rbp, Rsp;
        public ulong R8, R9, R10, R11, R12, R13, R14, R15;
        public ulong Rip, Rflags;
        public ulong Cr0, Cr2, Cr3, Cr4;

        /// <summary>
        /// True when filled from a trap frame: every register is meaningful and Rip is the instruction that
        /// trapped. False for a snapshot at a call: caller-saved registers are zero and Rip is a return address.
        /// </summary>
        public bool IsTrapFrame;

        /// <summary>
        /// Fills the callee-saved registers, rsp, rip, rflags and control registers of <paramref name="into"/>
        /// with the caller's state at this call; pass a zeroed struct (the other fields are left alone).
        /// </summary>
        [RuntimeImport("*", "cpu_capture_registers")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern void Capture(CpuRegisters* into);
    }
}
