// Checks one fuzzed call's answer against what docs/SYSCALLS.md promises for every call: a defined
// SyscallError, zero result words after a failure (the one documented detail being FrameMap's missing
// page-table level), UnknownSyscall for every number beyond the table, and calls that never fail
// (ClockMonotonic, monotonic; Yield) not failing. Pure: it only looks at the call and its answer.
using MinimalOS.Abi;
using MinimalOS.User.Runtime;

namespace MinimalOS.Tests.User.Fuzzer
{
    internal static class FuzzChecks
    {
        private const SyscallError LastDefinedError = SyscallError.Interrupted;

        public static FuzzViolation Check(in FuzzCall call, in SyscallResult result, ref ulong lastClock)
        {
            if (result.Error < SyscallError.None || result.Error > LastDefinedError)
                return FuzzViolation.UndefinedError;
            if (call.Number < 0 || call.Number >= FuzzGenerator.KnownCalls)
                return result.Error == SyscallError.UnknownSyscall && result.First == 0 && result.Second == 0 ? FuzzViolation.None : FuzzViolation.UnknownNotRefused;
            switch ((Syscall)call.Number)
            {
                case Syscall.ClockMonotonic:
                    if (result.Error != SyscallError.None || result.First < lastClock)
                        return FuzzViolation.InfallibleCallFailed;
                    lastClock = result.First;
                    return FuzzViolation.None;
                case Syscall.Yield:
                    return result.Error == SyscallError.None ? FuzzViolation.None : FuzzViolation.InfallibleCallFailed;
                case Syscall.ThreadExit:
                    return FuzzViolation.ExitReturned;
                case Syscall.FrameMap when result.Error == SyscallError.MissingPageTable:
                    if (result.First < 1 || result.First > 3)
                        return FuzzViolation.BadMissingLevel;
                    return result.Second == 0 ? FuzzViolation.None : FuzzViolation.ResultAfterFailure;
            }
            if (result.Error != SyscallError.None && (result.First != 0 || result.Second != 0))
                return FuzzViolation.ResultAfterFailure;
            return FuzzViolation.None;
        }
    }
}
