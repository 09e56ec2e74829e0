// The registers that identify a frame while unwinding: where it executes (Rip), its stack and frame
// pointers, and the callee-saved registers a caller expects back. Everything else is dead across a call.
namespace MinimalOS.Kernel.Diagnostics
{
    public struct UnwindRegisters
    {
        public ulong Rip;
        public ulong Rsp;
        public ulong Rbp;
        public ulong Rbx;
        public ulong R12;
        public ulong R13;
        public ulong R14;
        public ulong R15;
    }
}
