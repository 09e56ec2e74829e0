// The endpoint IPC calls: Send, Call, Receive, Reply and ReplyReceive (docs/SYSCALLS.md has the register
// conventions). A message goes straight from the sender's saved registers and IPC buffer to the
// receiver's (MessageTransfer) as soon as both are there; whoever arrives first waits on the endpoint.
// A delivered Call binds its caller to the receiver's reply object until Reply answers it. Waiting is a
// real block (Scheduler.Block or BlockUntil for a receive timeout), never polling; a waiter that is
// suspended or destroyed gives its wait up (Interrupted) and leaves every queue it was on. The fast path:
// Call, and ReplyReceive when it must wait, switch straight to the thread they completed
// (WaitAfterHandoff). Everything that touches endpoints, reply objects and other threads' registers runs
// under the kernel-object lock, which is never held across a block or a switch.
using MinimalOS.Abi;
using MinimalOS.Kernel.Capabilities;
using MinimalOS.Kernel.Ipc;
using MinimalOS.Kernel.Objects;
using MinimalOS.Kernel.Scheduling;
using MinimalOS.Kernel.Threads;

namespace MinimalOS.Kernel.Syscalls
{
    public static unsafe class IpcCalls
    {
        /// <summary>A0 endpoint (Write; Grant to send capabilities), A1 message info, A2-A5 message words 0-3.</summary>
        public static SyscallResult Send(in SyscallArguments arguments) => SendMessage(in arguments, isCall: false);

        /// <summary>As Send, then waits for the answer, which arrives like a received message.</summary>
        public static SyscallResult Call(in SyscallArguments arguments) => SendMessage(in arguments, isCall: true);

        /// <summary>A0 endpoint (Read), A1 flags (only NonBlocking), r12 reply object (Write) or 0, r13 timeout in ns (0: none).</summary>
        public static SyscallResult Receive(in SyscallArguments arguments)
        {
            ThreadControl* self = ThreadObject.Current();
            var flags = new MessageInfo(arguments.A1);
            if (self == null)
                return SyscallError.InvalidState;
            if (flags.Word != 0 && flags.Word != MessageInfo.Of(0, 0, 0, nonBlocking: true).Word)
                return SyscallError.InvalidArgument;
            UserContext.ReadReceiveExtras(self->StackTop, out ulong replyCapability, out ulong timeout);
            KernelObjects.Lock.Acquire();
            SyscallError error = ResolveReceive(arguments.A0, replyCapability, out EndpointState* endpoint, out ReplyState* reply);
            if (error != SyscallError.None)
            {
                KernelObjects.Lock.Release();
                return error;
            }
            return ReceiveLocked(self, endpoint, reply, flags.NonBlocking, timeout);
        }

        /// <summary>A0 reply object (Write), A1 message info, A2-A5 message words 0-3: answers the caller bound to it.</summary>
        public static SyscallResult Reply(in SyscallArguments arguments)
        {
            ThreadControl* self = ThreadObject.Current();
            var info = new MessageInfo(arguments.A1);
            SyscallError error = CheckOutgoing(self, info);
            if (error != SyscallError.None)
                return error;
            KernelObjects.Lock.Acquire();
            error = CallerCapabilities.Capability(arguments.A0, ObjectType.Reply, CapRights.Write, out CapabilitySlot* replySlot);
            if (error == SyscallError.None)
                error = Answer(self, ReplyObject.Of(replySlot)) ? SyscallError.None : SyscallError.NoCaller;
            KernelObjects.Lock.Release();
            return error;
        }

        /// <summary>
        /// A0 endpoint (Read), A1 message info of the answer, A2-A5 its words, r12 reply object (Write), r13
        /// receive timeout: answers the caller bound to the reply object, if any, then receives with it.
        /// </summary>
        public static SyscallResult ReplyReceive(in SyscallArguments arguments)
        {
            ThreadControl* self = ThreadObject.Current();
            var info = new MessageInfo(arguments.A1);
            SyscallError error = CheckOutgoing(self, info);
            if (error != SyscallError.None)
                return error;
            UserContext.ReadReceiveExtras(self->StackTop, out ulong replyCapability, out ulong timeout);
            if (replyCapability == CallerCapabilities.None)
                return SyscallError.InvalidCapability;
            KernelObjects.Lock.Acquire();
            error = CallerCapabilities.Capability(replyCapability, ObjectType.Reply, CapRights.Write, out CapabilitySlot* replySlot);
            CapabilitySlot* endpointSlot = null;
            if (error == SyscallError.None)
                error = CallerCapabilities.Capability(arguments.A0, ObjectType.Endpoint, CapRights.Read, out endpointSlot);
            ReplyState* reply = error == SyscallError.None ? ReplyObject.Of(replySlot) : null;
            // Another thread receiving with this reply object: refused before anything is answered.
            if (reply != null && reply->Receiver != null)
                error = SyscallError.InvalidState;
            if (error != SyscallError.None)
            {
                KernelObjects.Lock.Release();
                return error;
            }
            ThreadControl* answered = AnswerBound(self, reply);
            return ReceiveLocked(self, EndpointObject.Of(endpointSlot), reply, info.NonBlocking, timeout, answered);
        }

        private static SyscallResult SendMessage(in SyscallArguments arguments, bool isCall)
        {
            ThreadControl* self = ThreadObject.Current();
            var info = new MessageInfo(arguments.A1);
            SyscallError error = CheckOutgoing(self, info);
            if (error != SyscallError.None)
                return error;
            KernelObjects.Lock.Acquire();
            error = CallerCapabilities.Capability(arguments.A0, ObjectType.Endpoint, CapRights.Write, out CapabilitySlot* slot);
            bool canGrant = error == SyscallError.None && (slot->Rights & CapRights.Grant) != 0;
            if (error == SyscallError.None && info.CapCount > 0 && !canGrant)
                error = SyscallError.InsufficientRights;
            if (error != SyscallError.None)
            {
                KernelObjects.Lock.Release();
                return error;
            }
            EndpointState* endpoint = EndpointObject.Of(slot);
            ThreadControl* receiver = EndpointObject.TakeWaiter(endpoint, EndpointQueue.Receivers);
            if (receiver != null)
            {
                ReplyState* reply = receiver->IpcReply;
                MessageTransfer.Deliver(self, receiver, slot->Badge, canGrant, isCall);
                if (!isCall || reply == null)
                {
                    IpcCompletion.Complete(receiver);
                    KernelObjects.Lock.Release();
                    return isCall ? SyscallError.NoReplyObject : SyscallError.None;
                }
                // The fast path: the caller waits for the answer, and the receiver runs in its place at once.
                IpcCompletion.CompleteForHandoff(receiver);
                self->IpcCanGrant = canGrant;
                ReplyObject.Bind(reply, self);
                return Finish(self, WaitAfterHandoff(self, receiver), received: true);
            }
            if (info.NonBlocking)
            {
                KernelObjects.Lock.Release();
                return SyscallError.WouldBlock;
            }
            self->IpcBadge = slot->Badge;
            self->IpcIsCall = isCall;
            self->IpcCanGrant = canGrant;
            EndpointObject.Wait(endpoint, self, EndpointQueue.Senders, IpcWait.Sending);
            KernelObjects.Lock.Release();
            return Finish(self, Wait(self, 0), received: isCall);
        }

        // Called with the lock held; releases it (before blocking, if it blocks). A caller ReplyReceive has
        // just answered (or null) is still to be woken: it runs in this thread's place if this one blocks.
        private static SyscallResult ReceiveLocked(ThreadControl* self, EndpointState* endpoint, ReplyState* reply, bool nonBlocking, ulong timeout, ThreadControl* answered = null)
        {
            // The thread's bound notification, when pending, ends the receive before any message.
            bool signalled = self->BoundNotification != null && self->BoundNotification->Pending;
            ThreadControl* sender = signalled ? null : EndpointObject.TakeWaiter(endpoint, EndpointQueue.Senders);
            if (answered != null && (signalled || sender != null || nonBlocking || timeout != 0))
            {
                Scheduler.Wake(ThreadObject.SchedulerThread(answered));
                answered = null;
            }
            if (signalled)
            {
                NotificationObject.TryDeliverBound(self);
                KernelObjects.Lock.Release();
                return Finish(self, SyscallError.None, received: true);
            }
            if (sender != null)
            {
                MessageTransfer.Deliver(sender, self, sender->IpcBadge, sender->IpcCanGrant, sender->IpcIsCall);
                if (!sender->IpcIsCall)
                    IpcCompletion.Complete(sender);
                else if (reply != null)
                    ReplyObject.Bind(reply, sender);
                else
                    IpcCompletion.Fail(sender, SyscallError.NoReplyObject);
                KernelObjects.Lock.Release();
                return Finish(self, SyscallError.None, received: true);
            }
            if (nonBlocking)
            {
                KernelObjects.Lock.Release();
                return SyscallError.WouldBlock;
            }
            if (reply != null)
            {
                reply->Receiver = self;
                self->IpcReply = reply;
            }
            EndpointObject.Wait(endpoint, self, EndpointQueue.Receivers, IpcWait.Receiving);
            if (answered != null)
                return Finish(self, WaitAfterHandoff(self, answered), received: true);
            KernelObjects.Lock.Release();
            return Finish(self, Wait(self, DeadlineAfter(timeout)), received: true);
        }

        // The endpoint and the optional reply object of a receive; a reply object already in use is refused.
        private static SyscallError ResolveReceive(ulong endpointCapability, ulong replyCapability, out EndpointState* endpoint, out ReplyState* reply)
        {
            endpoint = null;
            reply = null;
            SyscallError error = CallerCapabilities.Capability(endpointCapability, ObjectType.Endpoint, CapRights.Read, out CapabilitySlot* slot);
            if (error != SyscallError.None)
                return error;
            error = CallerCapabilities.OptionalCapability(replyCapability, ObjectType.Reply, CapRights.Write, out CapabilitySlot* replySlot);
            if (error != SyscallError.None)
                return error;
            if (replySlot != null)
            {
                reply = ReplyObject.Of(replySlot);
                if (reply->Caller != null || reply->Receiver != null)
                    return SyscallError.InvalidState;
            }
            endpoint = EndpointObject.Of(slot);
            return SyscallError.None;
        }

        // The answer to the caller bound to the reply object, from this thread's registers; false when none is bound.
        private static bool Answer(ThreadControl* self, ReplyState* reply)
        {
            ThreadControl* caller = AnswerBound(self, reply);
            if (caller != null)
                Scheduler.Wake(ThreadObject.SchedulerThread(caller));
            return caller != null;
        }

        // As Answer, but the caller (returned; null when none was bound) is left for this thread to wake.
        private static ThreadControl* AnswerBound(ThreadControl* self, ReplyState* reply)
        {
            ThreadControl* caller = ReplyObject.TakeCaller(reply);
            if (caller == null)
                return null;
            // A faulted caller's registers are its user state: the answer only decides whether it resumes.
            if (caller->IpcIsFault)
            {
                UserContext.ReadMessage(self->StackTop, out MessageRegisters answer);
                FaultDelivery.Answer(caller, in answer);
            }
            else
                MessageTransfer.Deliver(self, caller, 0, caller->IpcCanGrant, fromCall: false);
            IpcCompletion.CompleteForHandoff(caller);
            return caller;
        }

        // Called with the lock held, this thread's wait set up and next's ended but not woken: pins next's
        // memory, releases the lock and switches straight to next (or, when that cannot be direct, wakes it
        // and blocks the usual way); then waits like Wait.
        internal static SyscallError WaitAfterHandoff(ThreadControl* self, ThreadControl* next)
        {
            System.Threading.Interlocked.Increment(ref KernelObjects.HandoffPins);
            KernelObjects.Lock.Release();
            Thread thread = ThreadObject.SchedulerThread(next);
            if (!Scheduler.BlockAndSwitchTo(thread, ref KernelObjects.HandoffPins))
            {
                Scheduler.Wake(thread);
                System.Threading.Interlocked.Decrement(ref KernelObjects.HandoffPins);
                Scheduler.Block();
            }
            return Wait(self, 0, blockFirst: false);
        }

        private static SyscallError CheckOutgoing(ThreadControl* self, MessageInfo info)
        {
            if (self == null)
                return SyscallError.InvalidState;
            if (!info.IsValidToSend)
                return SyscallError.InvalidArgument;
            // Words beyond the registers and capabilities travel in the IPC buffer, which the sender must have.
            if ((info.Length > IpcBuffer.RegisterWords || info.CapCount > 0) && self->IpcBuffer.IsEmpty)
                return SyscallError.InvalidArgument;
            return SyscallError.None;
        }

        /// <summary>Blocks until the wait ends (or, with a deadline, a receive or notification wait times out); returns its result. Called without the lock.</summary>
        internal static SyscallError Wait(ThreadControl* self, ulong deadline, bool blockFirst = true)
        {
            while (true)
            {
                bool timedOut = false;
                if (blockFirst)
                    timedOut = deadline == 0 ? Block() : !Scheduler.BlockUntil(deadline);
                blockFirst = true;
                // Ended (by whoever completed it, under the lock, before the wake): only this thread touches its
                // IPC state from now on, so the common case needs no lock.
                if (System.Threading.Volatile.Read(ref *(byte*)&self->IpcState) == (byte)IpcWait.None)
                    return self->IpcResult;
                KernelObjects.Lock.Acquire();
                SyscallError result = SyscallError.None;
                bool ended = true;
                if (self->IpcState == IpcWait.None)
                    result = self->IpcResult;
                else if (System.Threading.Volatile.Read(ref self->KillRequested) != 0 || self->SuspendRequested)
                    result = Cancel(self, SyscallError.Interrupted);
                else if (timedOut && (self->IpcState == IpcWait.Receiving || self->IpcState == IpcWait.AwaitingSignal))
                    result = Cancel(self, SyscallError.TimedOut);
                else
                    ended = false;
                KernelObjects.Lock.Release();
                if (ended)
                    return result;
            }
        }

        private static bool Block()
        {
            Scheduler.Block();
            return false;
        }

        private static SyscallError Cancel(ThreadControl* self, SyscallError result)
        {
            IpcCompletion.Withdraw(self, result);
            return result;
        }

        // A received message (or answer) is already in this thread's registers: hand rdx and rsi back as they
        // are, since the dispatcher writes the result words there.
        private static SyscallResult Finish(ThreadControl* self, SyscallError error, bool received)
        {
            if (error != SyscallError.None || !received)
                return error;
            UserContext.ReadMessage(self->StackTop, out MessageRegisters message);
            return SyscallResult.Ok(message.Word0, message.Info);
        }

        /// <summary>The scheduler-clock deadline of a wait with a timeout in nanoseconds (0: none, for ever).</summary>
        internal static ulong DeadlineAfter(ulong timeout)
        {
            if (timeout == 0)
                return 0;
            ulong now = SchedulerCpu.Nanoseconds();
            return timeout > ulong.MaxValue - now ? ulong.MaxValue : now + timeout;
        }
    }
}
