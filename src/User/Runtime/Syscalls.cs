// Typed wrappers of the system calls, one per call of docs/SYSCALLS.md (numbers in src/Abi/Syscall.cs),
// each passing its arguments in the documented order (A0-A5) through an assembly stub: mnos_syscall0 for
// calls without arguments, mnos_syscall4 for those of at most four arguments and one result (the common
// ones: a handful of instructions, the result in registers), mnos_syscall for the rest. They only
// marshal: checking arguments is the kernel's job, and a wrapper never retries or hides an error. Raw
// takes any number and any words, for tests and fuzzers that must send what the typed wrappers cannot.
using System;
using System.Runtime;
using System.Runtime.CompilerServices;
using MinimalOS.Abi;

namespace MinimalOS.User.Runtime
{
    public static unsafe class Syscalls
    {
        /// <summary>ThreadStart's CPU index for "any CPU".</summary>
        public const ulong AnyCpu = ulong.MaxValue;

        /// <summary>Where a call allows a capability to be left out: the value 0.</summary>
        public static CapSlot NoCapability => CapSlot.FromRegister(0);

        /// <summary>0: one line (at most 256 bytes) to the kernel log through the DebugLog capability <paramref name="log"/>.</summary>
        public static SyscallError DebugLog(CapSlot log, ReadOnlySpan<byte> text)
        {
            fixed (byte* bytes = text)
                return DebugLog(log, (ulong)bytes, (ulong)text.Length);
        }

        /// <summary>0: DebugLog with the text's user address and length as raw words.</summary>
        public static SyscallError DebugLog(CapSlot log, ulong text, ulong length) =>
            Short(Syscall.DebugLog, log.Encoded, text, length).Error;

        /// <summary>1: nanoseconds since boot on the kernel's monotonic clock (result 0).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static SyscallError ClockMonotonic(out ulong nanoseconds)
        {
            ShortSyscallResult result = InvokeWithoutArguments(Syscall.ClockMonotonic);
            nanoseconds = result.First;
            return result.Error;
        }

        /// <summary>2: lets every other ready thread of the same or higher priority on this CPU run first.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static SyscallError Yield() => InvokeWithoutArguments(Syscall.Yield).Error;

        /// <summary>3: copies <paramref name="source"/> into the empty <paramref name="destination"/> with rights = source's ∩ <paramref name="mask"/>.</summary>
        public static SyscallError CapCopy(CapSlot source, CapSlot destination, CapRights mask) =>
            Short(Syscall.CapCopy, source.Encoded, destination.Encoded, (ulong)mask).Error;

        /// <summary>4: as CapCopy, and sets an endpoint's or notification's badge or a CNode's guard (guard &lt;&lt; 6 | guard bits) from <paramref name="data"/>.</summary>
        public static SyscallError CapMint(CapSlot source, CapSlot destination, CapRights mask, ulong data) =>
            Short(Syscall.CapMint, source.Encoded, destination.Encoded, (ulong)mask, data).Error;

        /// <summary>5: moves the capability (with its derivation-tree place and a frame's mapping); the source becomes empty.</summary>
        public static SyscallError CapMove(CapSlot source, CapSlot destination) =>
            Short(Syscall.CapMove, source.Encoded, destination.Encoded).Error;

        /// <summary>6: empties the slot (the last capability to an object destroys it).</summary>
        public static SyscallError CapDelete(CapSlot slot) => Short(Syscall.CapDelete, slot.Encoded).Error;

        /// <summary>7: deletes every capability derived from the one in <paramref name="slot"/> (needs Revoke).</summary>
        public static SyscallError CapRevoke(CapSlot slot) => Short(Syscall.CapRevoke, slot.Encoded).Error;

        /// <summary>8: result 0 = type | rights &lt;&lt; 8 | size bits &lt;&lt; 16 (0: empty); result 1 depends on the type.</summary>
        public static SyscallError CapIdentify(CapSlot slot, out ulong shape, out ulong detail)
        {
            SyscallResult result = Call(Syscall.CapIdentify, slot.Encoded);
            shape = result.First;
            detail = result.Second;
            return result.Error;
        }

        /// <summary>9: carves <paramref name="count"/> objects into slots [<paramref name="firstIndex"/>, +count) of the CNode <paramref name="cnode"/>.</summary>
        public static SyscallError UntypedRetype(CapSlot untyped, ObjectType type, ulong sizeBits, CapSlot cnode, ulong firstIndex, ulong count) =>
            Call(Syscall.UntypedRetype, untyped.Encoded, (ulong)type, sizeBits, cnode.Encoded, firstIndex, count).Error;

        /// <summary>10: installs the page table at the first missing level on the way to <paramref name="address"/>; <paramref name="level"/> is the level it became.</summary>
        public static SyscallError PageTableMap(CapSlot table, CapSlot space, ulong address, out ulong level)
        {
            ShortSyscallResult result = Short(Syscall.PageTableMap, table.Encoded, space.Encoded, address);
            level = result.First;
            return result.Error;
        }

        /// <summary>11: maps the frame at <paramref name="address"/>; after MissingPageTable, <paramref name="missingLevel"/> names the level to map first.</summary>
        public static SyscallError FrameMap(CapSlot frame, CapSlot space, ulong address, CapRights rights, FrameCache cache, out ulong missingLevel)
        {
            SyscallResult result = Call(Syscall.FrameMap, frame.Encoded, space.Encoded, address, (ulong)rights, (ulong)cache);
            missingLevel = result.First;
            return result.Error;
        }

        /// <summary>12: removes the frame's mapping.</summary>
        public static SyscallError FrameUnmap(CapSlot frame) => Short(Syscall.FrameUnmap, frame.Encoded).Error;

        /// <summary>13: changes the rights of the frame's mapping in place.</summary>
        public static SyscallError FrameProtect(CapSlot frame, CapRights rights) =>
            Short(Syscall.FrameProtect, frame.Encoded, (ulong)rights).Error;

        /// <summary>14: gives the thread the process's CNode and address space; IPC buffer and fault handler may be <see cref="NoCapability"/>.</summary>
        public static SyscallError ThreadConfigure(CapSlot thread, CapSlot process, CapSlot ipcBuffer, ulong ipcBufferAddress, CapSlot faultHandler) =>
            Call(Syscall.ThreadConfigure, thread.Encoded, process.Encoded, ipcBuffer.Encoded, ipcBufferAddress, faultHandler.Encoded).Error;

        /// <summary>15: sets the registers of a stopped thread from the UserRegisters at user address <paramref name="registers"/>.</summary>
        public static SyscallError ThreadWriteRegisters(CapSlot thread, ulong registers) =>
            Short(Syscall.ThreadWriteRegisters, thread.Encoded, registers).Error;

        public static SyscallError ThreadWriteRegisters(CapSlot thread, in UserRegisters registers)
        {
            fixed (UserRegisters* pointer = &registers)
                return ThreadWriteRegisters(thread, (ulong)pointer);
        }

        /// <summary>16: the thread's registers into user address <paramref name="registers"/>; its state, and its exit code or fault vector.</summary>
        public static SyscallError ThreadReadRegisters(CapSlot thread, ulong registers, out ThreadRunState state, out ulong detail)
        {
            SyscallResult result = Call(Syscall.ThreadReadRegisters, thread.Encoded, registers);
            state = (ThreadRunState)result.First;
            detail = result.Second;
            return result.Error;
        }

        public static SyscallError ThreadReadRegisters(CapSlot thread, out UserRegisters registers, out ThreadRunState state, out ulong detail)
        {
            UserRegisters read;
            SyscallError error = ThreadReadRegisters(thread, (ulong)&read, out state, out detail);
            registers = read;
            return error;
        }

        /// <summary>17: starts a configured Inactive thread on CPU <paramref name="cpu"/> (or <see cref="AnyCpu"/>).</summary>
        public static SyscallError ThreadStart(CapSlot thread, ulong cpu) => Short(Syscall.ThreadStart, thread.Encoded, cpu).Error;

        /// <summary>18: stops the thread at its next way to user mode; returns once it is parked.</summary>
        public static SyscallError ThreadSuspend(CapSlot thread) => Short(Syscall.ThreadSuspend, thread.Encoded).Error;

        /// <summary>19: a suspended thread continues, a faulted one retries its instruction.</summary>
        public static SyscallError ThreadResume(CapSlot thread) => Short(Syscall.ThreadResume, thread.Encoded).Error;

        /// <summary>20: sets priority and maximum controlled priority, both bounded by <paramref name="authority"/>'s MCP.</summary>
        public static SyscallError ThreadSetPriority(CapSlot thread, CapSlot authority, ulong priority, ulong maxControlledPriority) =>
            Short(Syscall.ThreadSetPriority, thread.Encoded, authority.Encoded, priority, maxControlledPriority).Error;

        /// <summary>21: gives the process object its CNode and address space (copies).</summary>
        public static SyscallError ProcessCreate(CapSlot process, CapSlot cnode, CapSlot space) =>
            Short(Syscall.ProcessCreate, process.Encoded, cnode.Encoded, space.Encoded).Error;

        /// <summary>22: stops every thread of the process for good and deletes every capability it holds.</summary>
        public static SyscallError ProcessDestroy(CapSlot process) => Short(Syscall.ProcessDestroy, process.Encoded).Error;

        /// <summary>23: ends the calling thread with <paramref name="code"/>. The kernel never returns from it; if it ever did, the call is repeated.</summary>
        public static void ThreadExit(ulong code)
        {
            while (true)
                Short(Syscall.ThreadExit, code);
        }

        /// <summary>24: sends through the endpoint, waiting for a receiver unless the info says NonBlocking (then WouldBlock).</summary>
        public static SyscallError EndpointSend(CapSlot endpoint, in IpcMessage message) => Ipc(Syscall.EndpointSend, endpoint.Encoded, in message, null, 0, 0);

        /// <summary>25: waits for a message (NonBlocking: WouldBlock at once; <paramref name="timeoutNanoseconds"/> 0: no timeout); a Call received is bound to <paramref name="reply"/>.</summary>
        public static SyscallError EndpointReceive(CapSlot endpoint, CapSlot reply, out IpcMessage message, bool nonBlocking = false, ulong timeoutNanoseconds = 0)
        {
            IpcMessage flags = IpcMessage.Of(0, nonBlocking: nonBlocking);
            IpcMessage received;
            SyscallError error = Ipc(Syscall.EndpointReceive, endpoint.Encoded, in flags, &received, reply.Encoded, timeoutNanoseconds);
            message = received;
            return error;
        }

        /// <summary>26: sends and waits for the answer, which arrives in <paramref name="answer"/>.</summary>
        public static SyscallError EndpointCall(CapSlot endpoint, in IpcMessage request, out IpcMessage answer)
        {
            IpcMessage received;
            SyscallError error = Ipc(Syscall.EndpointCall, endpoint.Encoded, in request, &received, 0, 0);
            answer = received;
            return error;
        }

        /// <summary>27: answers the caller bound to <paramref name="reply"/> (NoCaller when none is).</summary>
        public static SyscallError EndpointReply(CapSlot reply, in IpcMessage message) => Ipc(Syscall.EndpointReply, reply.Encoded, in message, null, 0, 0);

        /// <summary>28: answers the caller bound to <paramref name="reply"/>, if any, then receives the next message with it.</summary>
        public static SyscallError EndpointReplyReceive(CapSlot endpoint, CapSlot reply, in IpcMessage answer, out IpcMessage next, ulong timeoutNanoseconds = 0)
        {
            IpcMessage received;
            SyscallError error = Ipc(Syscall.EndpointReplyReceive, endpoint.Encoded, in answer, &received, reply.Encoded, timeoutNanoseconds);
            next = received;
            return error;
        }

        /// <summary>29: ORs the capability's badge into the notification's word (Write).</summary>
        public static SyscallError NotificationSignal(CapSlot notification) => Short(Syscall.NotificationSignal, notification.Encoded).Error;

        /// <summary>30: waits until the notification is signalled (or the timeout, 0: none, passes); the word, which is cleared.</summary>
        public static SyscallError NotificationWait(CapSlot notification, out ulong word, ulong timeoutNanoseconds = 0)
        {
            SyscallResult result = Call(Syscall.NotificationWait, notification.Encoded, timeoutNanoseconds);
            word = result.First;
            return result.Error;
        }

        /// <summary>31: the pending word, which is cleared; WouldBlock when nothing is pending.</summary>
        public static SyscallError NotificationPoll(CapSlot notification, out ulong word)
        {
            SyscallResult result = Call(Syscall.NotificationPoll, notification.Encoded);
            word = result.First;
            return result.Error;
        }

        /// <summary>32: binds the notification to the thread (its signals also end the thread's endpoint receives); NoCapability unbinds.</summary>
        public static SyscallError ThreadBindNotification(CapSlot thread, CapSlot notification) =>
            Short(Syscall.ThreadBindNotification, thread.Encoded, notification.Encoded).Error;

        /// <summary>33: with <paramref name="on"/>, every system call of the thread goes to its fault handler (ForeignSyscall messages).</summary>
        public static SyscallError ThreadSetForeignAbi(CapSlot thread, bool on) =>
            Short(Syscall.ThreadSetForeignAbi, thread.Encoded, on ? 1UL : 0UL).Error;

        /// <summary>Any call number with any argument words, exactly as given.</summary>
        public static SyscallResult Raw(long number, ulong a0 = 0, ulong a1 = 0, ulong a2 = 0, ulong a3 = 0, ulong a4 = 0, ulong a5 = 0)
        {
            SyscallResult result;
            Invoke((Syscall)number, a0, a1, a2, a3, a4, a5, &result);
            return result;
        }

        private static SyscallResult Call(Syscall number, ulong a0 = 0, ulong a1 = 0, ulong a2 = 0, ulong a3 = 0, ulong a4 = 0, ulong a5 = 0) =>
            Raw((long)number, a0, a1, a2, a3, a4, a5);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ShortSyscallResult Short(Syscall number, ulong a0 = 0, ulong a1 = 0, ulong a2 = 0, ulong a3 = 0) =>
            InvokeShort(a0, a1, a2, a3, number);

        private static SyscallError Ipc(Syscall number, ulong capability, in IpcMessage send, IpcMessage* receive, ulong reply, ulong timeout)
        {
            fixed (IpcMessage* outgoing = &send)
                return InvokeIpc(number, capability, outgoing, receive, reply, timeout);
        }

        [RuntimeImport("*", "mnos_ipc")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern SyscallError InvokeIpc(Syscall number, ulong capability, IpcMessage* send, IpcMessage* receive, ulong reply, ulong timeout);

        [RuntimeImport("*", "mnos_syscall0")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern ShortSyscallResult InvokeWithoutArguments(Syscall number);

        // The number comes last so the four arguments are already in rdi, rsi, rdx, rcx (System V) for the stub.
        [RuntimeImport("*", "mnos_syscall4")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern ShortSyscallResult InvokeShort(ulong a0, ulong a1, ulong a2, ulong a3, Syscall number);

        [RuntimeImport("*", "mnos_syscall")]
        [MethodImpl(MethodImplOptions.InternalCall)]
        private static extern SyscallError Invoke(Syscall number, ulong a0, ulong a1, ulong a2, ulong a3, ulong a4, ulong a5, SyscallResult* result);
    }
}
