// Names of ABI values for failure messages (the corelib has no reflection, so an enum cannot name itself).
using MinimalOS.Abi;

namespace MinimalOS.Tests.User.Framework
{
    internal static class Names
    {
        public static string Of(SyscallError error) => error switch
        {
            SyscallError.None => "None",
            SyscallError.InvalidCapability => "InvalidCapability",
            SyscallError.WrongType => "WrongType",
            SyscallError.InsufficientRights => "InsufficientRights",
            SyscallError.SlotOccupied => "SlotOccupied",
            SyscallError.SlotEmpty => "SlotEmpty",
            SyscallError.OutOfMemory => "OutOfMemory",
            SyscallError.BadAddress => "BadAddress",
            SyscallError.Range => "Range",
            SyscallError.Alignment => "Alignment",
            SyscallError.WouldBlock => "WouldBlock",
            SyscallError.InvalidArgument => "InvalidArgument",
            SyscallError.IllegalOperation => "IllegalOperation",
            SyscallError.UnknownSyscall => "UnknownSyscall",
            SyscallError.AlreadyMapped => "AlreadyMapped",
            SyscallError.NotMapped => "NotMapped",
            SyscallError.MissingPageTable => "MissingPageTable",
            SyscallError.InvalidState => "InvalidState",
            SyscallError.RateLimited => "RateLimited",
            SyscallError.ObjectDestroyed => "ObjectDestroyed",
            SyscallError.TimedOut => "TimedOut",
            SyscallError.NoCaller => "NoCaller",
            SyscallError.NoReplyObject => "NoReplyObject",
            SyscallError.Interrupted => "Interrupted",
            _ => "(unknown error)",
        };

        public static string Of(ThreadRunState state) => state switch
        {
            ThreadRunState.Inactive => "Inactive",
            ThreadRunState.Running => "Running",
            ThreadRunState.Suspended => "Suspended",
            ThreadRunState.Faulted => "Faulted",
            ThreadRunState.Exited => "Exited",
            _ => "(unknown state)",
        };
    }
}
