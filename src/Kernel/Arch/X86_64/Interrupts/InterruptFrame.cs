// What the entry stub (Native/interrupt_entry.asm) leaves on the stack for a handler, lowest address first:
// the general-purpose registers it pushed, the vector and error code (a dummy 0 where the CPU pushes
// none), then the CPU's own frame. Handlers may change fields (e.g. Rip, Rax) and the stub restores them.
// The field order is shared with the assembly; keep the two in step.
using System.Runtime.InteropServices;

namespace MinimalOS.Kernel.Arch.X86_64.Interrupts
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct InterruptFrame
    {
        public ulong R15, R14, R13, R12, Rbp, Rbx, R11, Rcx;
        // The six system-call argument registers in ABI order, so a system call reads them in place (SyscallArguments).
        public ulong Rdi, Rsi, Rdx, R10, R8, R9;
        public ulong Rax;
        public ulong Vector;
        public ulong ErrorCode;
        public ulong Rip, Cs, Rflags, Rsp, Ss;

        /// <summary>The interrupted state as a CpuRegisters for panic reports (control registers read now; CR2 given).</summary>
        public CpuRegisters ToCpuRegisters(ulong cr2) => new CpuRegisters
        {
            Rax = Rax, Rbx = Rbx, Rcx = Rcx, Rdx = Rdx, Rsi = Rsi, Rdi = Rdi, Rbp = Rbp, Rsp = Rsp,
            R8 = R8, R9 = R9, R10 = R10, R11 = R11, R12 = R12, R13 = R13, R14 = R14, R15 = R15,
            Rip = Rip, Rflags = Rflags,
            Cr0 = Cpu.ReadCr0(), Cr2 = cr2, Cr3 = Cpu.ReadCr3(), Cr4 = Cpu.ReadCr4(),
            IsTrapFrame = true,
        };
    }
}
