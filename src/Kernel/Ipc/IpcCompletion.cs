// Ending a thread's IPC wait from the outside: the message has been written into its registers (Complete;
// CompleteForHandoff when the caller runs it next itself, the fast path) or the wait failed (Fail: the
// endpoint or reply object was destroyed, the call reached a receiver without a reply object), or the
// thread itself gives the wait up (Withdraw: timeout, suspension, or its object is destroyed). Its state
// goes back to None with the result it will return, a reply object it named for a receive forgets it, and
// it is woken. Under the kernel-object lock; never allocates.
using MinimalOS.Abi;
using MinimalOS.Kernel.Objects;
using MinimalOS.Kernel.Scheduling;

namespace MinimalOS.Kernel.Ipc
{
    public static unsafe class IpcCompletion
    {
        public static void Complete(ThreadControl* thread) => Finish(thread, SyscallError.None);

        /// <summary>
        /// As Complete, but leaves the thread blocked: the caller runs it next (Scheduler.BlockAndSwitchTo, the
        /// IPC fast path) or wakes it.
        /// </summary>
        public static void CompleteForHandoff(ThreadControl* thread) => End(thread, SyscallError.None);

        public static void Fail(ThreadControl* thread, SyscallError error) => Finish(thread, error);

        /// <summary>
        /// Takes a waiting thread off whatever it waits on (the endpoint's or notification's queue, or the reply
        /// object it awaits an answer through) and leaves the result for it to return; does not wake it.
        /// </summary>
        public static void Withdraw(ThreadControl* thread, SyscallError result)
        {
            if (thread->IpcState == IpcWait.None)
                return;
            if (thread->IpcState == IpcWait.AwaitingReply)
            {
                if (thread->IpcReply != null && thread->IpcReply->Caller == thread)
                    ReplyObject.TakeCaller(thread->IpcReply);
                thread->IpcReply = null;
            }
            else if (thread->IpcState == IpcWait.AwaitingSignal)
            {
                NotificationObject.Leave(thread);
            }
            else
            {
                EndpointObject.Leave(thread);
                if (thread->IpcReply != null)
                {
                    thread->IpcReply->Receiver = null;
                    thread->IpcReply = null;
                }
            }
            thread->IpcState = IpcWait.None;
            thread->IpcResult = result;
        }

        private static void Finish(ThreadControl* thread, SyscallError result)
        {
            End(thread, result);
            Scheduler.Wake(ThreadObject.SchedulerThread(thread));
        }

        private static void End(ThreadControl* thread, SyscallError result)
        {
            if (thread->IpcState == IpcWait.Receiving && thread->IpcReply != null)
            {
                thread->IpcReply->Receiver = null;
                thread->IpcReply = null;
            }
            thread->IpcState = IpcWait.None;
            thread->IpcResult = result;
        }
    }
}
