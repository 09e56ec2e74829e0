// The one error type of the system-call interface, shared word for word by the kernel and the user library
// (both compile this file). A call returns it in rax: 0 is success, anything else says why the call did
// nothing. Never reorder or renumber: user programs are built against these values.
namespace MinimalOS.Abi
{
    public enum SyscallError : long
    {
        None = 0,
        /// <summary>The slot path does not resolve: a CNode on the way is missing, a guard does not match, or the depth is wrong.</summary>
        InvalidCapability = 1,
        /// <summary>The capability is of another object type than the call needs.</summary>
        WrongType = 2,
        /// <summary>The capability lacks a right the call needs.</summary>
        InsufficientRights = 3,
        /// <summary>The destination slot already holds a capability.</summary>
        SlotOccupied = 4,
        /// <summary>The slot named holds no capability.</summary>
        SlotEmpty = 5,
        /// <summary>The untyped memory has no room for the objects asked for.</summary>
        OutOfMemory = 6,
        /// <summary>A user pointer is null, outside the user half, non-canonical, unmapped or not accessible as asked.</summary>
        BadAddress = 7,
        /// <summary>A number is outside the values the call accepts (a size, a count, a slot index, a priority).</summary>
        Range = 8,
        /// <summary>An address or size is not aligned as the call needs.</summary>
        Alignment = 9,
        /// <summary>A non-blocking call would have had to wait.</summary>
        WouldBlock = 10,
        /// <summary>An argument is malformed in a way none of the other codes names (unknown flags, unknown object type).</summary>
        InvalidArgument = 11,
        /// <summary>The operation is not allowed on this capability (copying untyped memory, revoking without the Revoke right, a mapping that is writable and executable).</summary>
        IllegalOperation = 12,
        /// <summary>The system-call number is not one the kernel knows.</summary>
        UnknownSyscall = 13,
        /// <summary>The frame capability is already mapped (one mapping per capability), or the address is taken.</summary>
        AlreadyMapped = 14,
        /// <summary>The frame capability is not mapped, or no mapping exists at the address.</summary>
        NotMapped = 15,
        /// <summary>A page table is missing on the way to the address: map one there first (the result says which level).</summary>
        MissingPageTable = 16,
        /// <summary>The object is in a state that forbids the call (a thread started twice, an untyped with children asked to split differently).</summary>
        InvalidState = 17,
        /// <summary>The rate limit of the call was reached; the call did nothing.</summary>
        RateLimited = 18,
        /// <summary>The object the caller waited on was destroyed.</summary>
        ObjectDestroyed = 19,
        /// <summary>A wait with a timeout ended before a message came.</summary>
        TimedOut = 20,
        /// <summary>The reply object has no caller waiting: it was answered already, its caller died or stopped waiting, or no call was bound to it.</summary>
        NoCaller = 21,
        /// <summary>The call reached a receiver that named no reply object: the message was delivered, but nobody can answer it.</summary>
        NoReplyObject = 22,
        /// <summary>The thread was asked to stop (suspended) while it waited; the wait was given up.</summary>
        Interrupted = 23,
    }
}
