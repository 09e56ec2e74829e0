// What a system call with at most one result word returns through mnos_syscall0 or mnos_syscall4: the error (rax)
// and result 0 (rdx). Two 8-byte fields, so the System V ABI returns it in rax:rdx - exactly where the
// kernel leaves them - and neither the stub nor its caller touches memory for the result.
using MinimalOS.Abi;

namespace MinimalOS.User.Runtime
{
    public struct ShortSyscallResult
    {
        public SyscallError Error;
        /// <summary>rdx after the call.</summary>
        public ulong First;
    }
}
