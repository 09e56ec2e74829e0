// What one system call returned: the error (rax) and the two result words (rdx, rsi). Written by the
// assembly stub mnos_syscall, so the field order and sizes are fixed.
using MinimalOS.Abi;

namespace MinimalOS.User.Runtime
{
    public struct SyscallResult
    {
        public SyscallError Error;
        /// <summary>rdx after the call.</summary>
        public ulong First;
        /// <summary>rsi after the call.</summary>
        public ulong Second;
    }
}
