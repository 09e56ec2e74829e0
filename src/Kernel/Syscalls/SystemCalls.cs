// The system-call table: one case per src/Abi/Syscall.cs number, each handing its untrusted argument
// words to the handler that validates them. docs/SYSCALLS.md is the reference for every call. An unknown
// number is UnknownSyscall (the next issue delivers it to the thread's fault handler instead).
using MinimalOS.Abi;

namespace MinimalOS.Kernel.Syscalls
{
    public static class SystemCalls
    {
        public static SyscallResult Invoke(long number, in SyscallArguments arguments) => (Syscall)number switch
        {
            Syscall.DebugLog => DebugLogCall.Write(in arguments),
            Syscall.ClockMonotonic => SyscallResult.Ok(Time.KernelClock.Nanoseconds()),
            Syscall.Yield => ThreadCalls.Yield(),
            Syscall.ThreadExit => ThreadCalls.Exit(),
            _ => SyscallError.UnknownSyscall,
        };
    }
}
