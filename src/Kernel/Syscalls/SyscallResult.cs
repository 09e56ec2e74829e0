// What a system call hands back: its error (rax) and up to two result words (rdx, rsi). A failed call's
// result words are zero (unless the call documents a detail), so a program never reads stale kernel values.
using MinimalOS.Abi;

namespace MinimalOS.Kernel.Syscalls
{
    public readonly struct SyscallResult
    {
        public SyscallError Error { get; }
        public ulong Value0 { get; }
        public ulong Value1 { get; }

        // Not an error a program ever sees: the marker of RegistersAsTheyAre (no field of its own, so the
        // result stays three words on every system call's path).
        private const SyscallError LeaveRegistersMarker = (SyscallError)long.MinValue;

        private SyscallResult(SyscallError error, ulong value0, ulong value1)
        {
            Error = error;
            Value0 = value0;
            Value1 = value1;
        }

        /// <summary>The thread's saved registers already hold what it gets back (a fault handler answered): write nothing.</summary>
        public static SyscallResult RegistersAsTheyAre => new SyscallResult(LeaveRegistersMarker, 0, 0);

        public bool LeavesRegisters => Error == LeaveRegistersMarker;

        public static SyscallResult Ok(ulong value0 = 0, ulong value1 = 0) => new SyscallResult(SyscallError.None, value0, value1);

        public static SyscallResult Fail(SyscallError error) => new SyscallResult(error, 0, 0);

        /// <summary>A failure that says more in result 0 (only where docs/SYSCALLS.md says so, e.g. the missing page-table level).</summary>
        public static SyscallResult FailWith(SyscallError error, ulong detail) => new SyscallResult(error, detail, 0);

        public static implicit operator SyscallResult(SyscallError error) => new SyscallResult(error, 0, 0);
    }
}
