// System-call numbers (rax at SYSCALL). docs/SYSCALLS.md gives each one's arguments, the rights it needs
// and every error it returns. Arguments travel in rdi, rsi, rdx, r10, r8, r9 (the System V order with r10
// for rcx, which SYSCALL overwrites); the error comes back in rax and results in rdx, rsi. Never renumber.
namespace MinimalOS.Abi
{
    public enum Syscall : long
    {
        DebugLog = 0,
        ClockMonotonic = 1,
        Yield = 2,
        CapCopy = 3,
        CapMint = 4,
        CapMove = 5,
        CapDelete = 6,
        CapRevoke = 7,
        CapIdentify = 8,
        UntypedRetype = 9,
        PageTableMap = 10,
        FrameMap = 11,
        FrameUnmap = 12,
        FrameProtect = 13,
        ThreadConfigure = 14,
        ThreadWriteRegisters = 15,
        ThreadReadRegisters = 16,
        ThreadStart = 17,
        ThreadSuspend = 18,
        ThreadResume = 19,
        ThreadSetPriority = 20,
        ProcessCreate = 21,
        ProcessDestroy = 22,
        ThreadExit = 23,
        EndpointSend = 24,
        EndpointReceive = 25,
        EndpointCall = 26,
        EndpointReply = 27,
        EndpointReplyReceive = 28,
        NotificationSignal = 29,
        NotificationWait = 30,
        NotificationPoll = 31,
        ThreadBindNotification = 32,
        ThreadSetForeignAbi = 33,
    }
}
