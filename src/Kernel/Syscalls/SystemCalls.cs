// The system-call table: one case per src/Abi/Syscall.cs number, each handing its untrusted argument
// words to the handler that validates them; docs/SYSCALLS.md is the reference for every call. An unknown
// number goes to the thread's fault handler, or is UnknownSyscall without one; every call of a thread with
// the foreign-ABI flag goes to its handler (FaultDelivery). After every call, a thread that was asked to
// stop parks and a destroyed one leaves, before user mode.
using MinimalOS.Abi;
using MinimalOS.Kernel.Ipc;
using MinimalOS.Kernel.Objects;

namespace MinimalOS.Kernel.Syscalls
{
    public static unsafe class SystemCalls
    {
        // Inlined into the entry's dispatcher: this is every system call's path.
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public static SyscallResult Invoke(long number, in SyscallArguments arguments)
        {
            ThreadControl* self = ThreadObject.Current();
            SyscallResult result = self != null && self->ForeignAbi ? FaultDelivery.Syscall(FaultMessage.ForeignSyscall) : Dispatch(number, in arguments);
            ThreadObject.BeforeUserMode(self);
            return result;
        }

        private static SyscallResult Dispatch(long number, in SyscallArguments arguments) => (Syscall)number switch
        {
            Syscall.DebugLog => DebugLogCall.Write(in arguments),
            Syscall.ClockMonotonic => SyscallResult.Ok(Time.KernelClock.Nanoseconds()),
            Syscall.Yield => ThreadCalls.Yield(),
            Syscall.CapCopy => CapabilityCalls.Copy(in arguments),
            Syscall.CapMint => CapabilityCalls.Mint(in arguments),
            Syscall.CapMove => CapabilityCalls.Move(in arguments),
            Syscall.CapDelete => CapabilityCalls.Delete(in arguments),
            Syscall.CapRevoke => CapabilityCalls.Revoke(in arguments),
            Syscall.CapIdentify => CapabilityCalls.Identify(in arguments),
            Syscall.UntypedRetype => UntypedCalls.Retype(in arguments),
            Syscall.PageTableMap => MemoryCalls.MapPageTable(in arguments),
            Syscall.FrameMap => MemoryCalls.MapFrame(in arguments),
            Syscall.FrameUnmap => MemoryCalls.UnmapFrame(in arguments),
            Syscall.FrameProtect => MemoryCalls.ProtectFrame(in arguments),
            Syscall.ThreadConfigure => ThreadCalls.Configure(in arguments),
            Syscall.ThreadWriteRegisters => ThreadCalls.WriteRegisters(in arguments),
            Syscall.ThreadReadRegisters => ThreadCalls.ReadRegisters(in arguments),
            Syscall.ThreadStart => ThreadCalls.Start(in arguments),
            Syscall.ThreadSuspend => ThreadCalls.Suspend(in arguments),
            Syscall.ThreadResume => ThreadCalls.Resume(in arguments),
            Syscall.ThreadSetPriority => ThreadCalls.SetPriority(in arguments),
            Syscall.ProcessCreate => ProcessCalls.Create(in arguments),
            Syscall.ProcessDestroy => ProcessCalls.Destroy(in arguments),
            Syscall.ThreadExit => ThreadCalls.Exit(in arguments),
            Syscall.EndpointSend => IpcCalls.Send(in arguments),
            Syscall.EndpointReceive => IpcCalls.Receive(in arguments),
            Syscall.EndpointCall => IpcCalls.Call(in arguments),
            Syscall.EndpointReply => IpcCalls.Reply(in arguments),
            Syscall.EndpointReplyReceive => IpcCalls.ReplyReceive(in arguments),
            Syscall.NotificationSignal => NotificationCalls.Signal(in arguments),
            Syscall.NotificationWait => NotificationCalls.Wait(in arguments),
            Syscall.NotificationPoll => NotificationCalls.Poll(in arguments),
            Syscall.ThreadBindNotification => NotificationCalls.Bind(in arguments),
            Syscall.ThreadSetForeignAbi => ThreadCalls.SetForeignAbi(in arguments),
            _ => FaultDelivery.Syscall(FaultMessage.UnknownSyscall),
        };
    }
}
