// Faults as messages: a thread that faults, with a fault-handler endpoint, becomes that endpoint's caller,
// as if it had made a Call, except that the kernel composes the message (FaultMessage: label and words
// from what the fault recorded) instead of taking it from registers that are the thread's real user state.
// A system call the kernel does not know, and every system call of a thread with the foreign-ABI flag
// (how the Linux personality gets Linux's calls), go the same way, with the call's registers as words;
// the answer's word 0 becomes rax and every other register returns as the handler left it. The handler receives it with a reply object like any call; meanwhile the thread is Faulted, so the
// handler may read and write its registers; its answer's label resumes the thread (FaultMessage.Resume)
// or leaves it stopped. A handler that cannot answer (its reply object or endpoint is destroyed, it named
// no reply object) leaves the thread Faulted, as if it had none. Runs on the faulting thread itself.
using MinimalOS.Abi;
using MinimalOS.Kernel.Capabilities;
using MinimalOS.Kernel.Objects;
using MinimalOS.Kernel.Syscalls;
using MinimalOS.Kernel.Threads;

namespace MinimalOS.Kernel.Ipc
{
    internal static unsafe class FaultDelivery
    {
        /// <summary>
        /// Called with the kernel-object lock held, the fault recorded and the thread Faulted; releases the lock.
        /// Sends the fault to the thread's handler and waits for the answer; false at once when it has no usable
        /// handler (none, not an endpoint capability with Write, or the thread is being destroyed).
        /// </summary>
        public static bool SendLocked(ThreadControl* self, ulong label)
        {
            if (!HasUsableHandler(self))
            {
                KernelObjects.Lock.Release();
                return false;
            }
            CapabilitySlot* handler = &self->FaultHandler;
            EndpointState* endpoint = EndpointObject.Of(handler);
            self->IpcIsFault = true;
            self->IpcIsCall = true;
            self->IpcCanGrant = false;
            self->IpcBadge = handler->Badge;
            self->IpcFaultLabel = label;
            ThreadControl* receiver = EndpointObject.TakeWaiter(endpoint, EndpointQueue.Receivers);
            if (receiver == null)
            {
                EndpointObject.Wait(endpoint, self, EndpointQueue.Senders, IpcWait.Sending);
                KernelObjects.Lock.Release();
                IpcCalls.Wait(self, 0);
            }
            else
            {
                ReplyState* reply = receiver->IpcReply;
                Compose(self, receiver);
                if (reply == null)
                {
                    IpcCompletion.Complete(receiver);
                    self->IpcIsFault = false;
                    KernelObjects.Lock.Release();
                    return true;
                }
                IpcCompletion.CompleteForHandoff(receiver);
                ReplyObject.Bind(reply, self);
                IpcCalls.WaitAfterHandoff(self, receiver);
            }
            self->IpcIsFault = false;
            return true;
        }

        /// <summary>
        /// A system call the kernel does not take itself (<paramref name="label"/>: unknown number, or any call of
        /// a foreign-ABI thread), from the running thread: to its fault handler, which answers with the result.
        /// Without a usable handler an unknown call is UnknownSyscall, and a foreign-ABI thread is stopped
        /// as Faulted (it cannot be given our errors).
        /// </summary>
        public static SyscallResult Syscall(ulong label)
        {
            ThreadControl* self = ThreadObject.Current();
            if (self == null)
                return SyscallError.UnknownSyscall;
            KernelObjects.Lock.Acquire();
            bool usable = HasUsableHandler(self);
            if (!usable && label == FaultMessage.UnknownSyscall)
            {
                KernelObjects.Lock.Release();
                return SyscallError.UnknownSyscall;
            }
            self->FaultVector = FaultMessage.SyscallVector;
            self->FaultErrorCode = 0;
            self->FaultAddress = 0;
            if (self->State == ThreadRunState.Running)
                self->State = ThreadRunState.Faulted;
            if (usable)
                SendLocked(self, label);
            else
                KernelObjects.Lock.Release();
            return SyscallResult.RegistersAsTheyAre;
        }

        private static bool HasUsableHandler(ThreadControl* self)
        {
            CapabilitySlot* handler = &self->FaultHandler;
            return !handler->IsEmpty && handler->Type == ObjectType.Endpoint && (handler->Rights & CapRights.Write) != 0 && self->KillRequested == 0;
        }

        /// <summary>Writes the fault message of <paramref name="faulter"/> into <paramref name="receiver"/>'s registers (and IPC buffer).</summary>
        public static void Compose(ThreadControl* faulter, ThreadControl* receiver)
        {
            UserContext.Read(faulter->StackTop, out UserRegisters registers);
            var message = new MessageRegisters { CapabilityOrBadge = faulter->IpcBadge };
            if (faulter->IpcFaultLabel == FaultMessage.CpuException)
            {
                message.Info = MessageInfo.Received(faulter->IpcFaultLabel, FaultMessage.Words, 0, fromCall: true).Word;
                message.Word0 = faulter->FaultVector;
                message.Word1 = faulter->FaultErrorCode;
                message.Word2 = faulter->FaultAddress;
                message.Word3 = registers.Rip;
            }
            else
            {
                ulong* buffer = MessageTransfer.BufferOf(receiver);
                int length = FaultMessage.Words;
                if (buffer != null)
                {
                    buffer[4] = registers.R10;
                    buffer[5] = registers.R8;
                    buffer[6] = registers.R9;
                    buffer[7] = registers.Rip;
                    length = FaultMessage.SyscallWords;
                }
                message.Info = MessageInfo.Received(faulter->IpcFaultLabel, length, 0, fromCall: true).Word;
                message.Word0 = registers.Rax;
                message.Word1 = registers.Rdi;
                message.Word2 = registers.Rsi;
                message.Word3 = registers.Rdx;
            }
            UserContext.WriteMessage(receiver->StackTop, in message);
        }

        /// <summary>The handler's answer to a faulted caller: resume it (a system call with rax = word 0), or leave it Faulted.</summary>
        public static void Answer(ThreadControl* caller, in MessageRegisters answer)
        {
            if (new MessageInfo(answer.Info).Label != FaultMessage.Resume || caller->State != ThreadRunState.Faulted)
                return;
            if (caller->IpcFaultLabel != FaultMessage.CpuException)
                UserContext.SetReturnValue(caller->StackTop, answer.Word0);
            caller->State = ThreadRunState.Running;
        }
    }
}
