// A user thread's registers as ThreadReadRegisters and ThreadWriteRegisters transfer them through user
// memory. Rflags is sanitised when the thread returns to user mode (only the arithmetic flags, TF and DF are
// the thread's to set), and Rip and Rsp must be canonical user addresses when written.
using System.Runtime.InteropServices;

namespace MinimalOS.Abi
{
    [StructLayout(LayoutKind.Sequential)]
    public struct UserRegisters
    {
        public ulong Rip, Rsp, Rflags;
        public ulong Rax, Rbx, Rcx, Rdx, Rsi, Rdi, Rbp;
        public ulong R8, R9, R10, R11, R12, R13, R14, R15;
    }
}
