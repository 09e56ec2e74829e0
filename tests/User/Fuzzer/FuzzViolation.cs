// What a fuzzed call's answer broke (docs/SYSCALLS.md's conventions), as the failure records carry it.
namespace MinimalOS.Tests.User.Fuzzer
{
    internal enum FuzzViolation : ulong
    {
        None = 0,
        /// <summary>rax is not one of the SyscallError values.</summary>
        UndefinedError = 1,
        /// <summary>A failed call left a result word non-zero where no detail is documented.</summary>
        ResultAfterFailure = 2,
        /// <summary>A number beyond the call table did not answer UnknownSyscall.</summary>
        UnknownNotRefused = 3,
        /// <summary>ClockMonotonic or Yield failed, or the clock went backwards.</summary>
        InfallibleCallFailed = 4,
        /// <summary>ThreadExit returned.</summary>
        ExitReturned = 5,
        /// <summary>FrameMap's MissingPageTable did not name a level 1-3.</summary>
        BadMissingLevel = 6,
    }
}
