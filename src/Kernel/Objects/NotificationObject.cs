// The Notification kernel object (64 bytes of untyped memory), seL4's asynchronous signal: a word of bits
// and a queue of waiting threads. Signal ORs the badge of the signalling capability into the word and
// marks it pending (a signal through an unbadged capability is kept too, as a pending word of 0); the
// first waiter takes the word and the notification goes idle. A thread may have one notification bound
// to it: a signal then also ends that thread's endpoint receive (drivers wait for a request and an
// interrupt in one call). Destroying the object wakes every waiter with ObjectDestroyed and unbinds its
// thread. All state is under the kernel-object lock; never allocates.
using System.Runtime.InteropServices;
using MinimalOS.Abi;
using MinimalOS.Kernel.Capabilities;
using MinimalOS.Kernel.Ipc;
using MinimalOS.Kernel.Scheduling;
using MinimalOS.Kernel.Threads;

namespace MinimalOS.Kernel.Objects
{
    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct NotificationState
    {
        public const ulong LiveMagic = 0x4E4F_4954_4946_4954;   // "TIFITION"

        public ulong Magic;
        public ulong Word;
        public bool Pending;
        public IpcWaitQueue Waiters;
        public ThreadControl* BoundThread;
    }

    internal static unsafe class NotificationObject
    {
        public static NotificationState* Of(CapabilitySlot* capability) => (NotificationState*)capability->ObjectPointer;

        public static void Initialize(CapabilitySlot* capability) => Of(capability)->Magic = NotificationState.LiveMagic;

        /// <summary>ORs <paramref name="badge"/> in and hands the word to the first waiter, or to the bound thread if it is receiving.</summary>
        public static void Signal(NotificationState* notification, ulong badge)
        {
            notification->Word |= badge;
            notification->Pending = true;
            ThreadControl* waiter = notification->Waiters.Dequeue();
            if (waiter != null)
            {
                waiter->IpcNotification = null;
                waiter->IpcBadge = Take(notification);
                IpcCompletion.Complete(waiter);
                return;
            }
            ThreadControl* bound = notification->BoundThread;
            if (bound != null && bound->IpcState == IpcWait.Receiving)
            {
                IpcCompletion.Withdraw(bound, SyscallError.None);
                DeliverToReceiver(bound, Take(notification));
                Scheduler.Wake(ThreadObject.SchedulerThread(bound));
            }
        }

        /// <summary>The pending word, which is cleared; false (and nothing changes) when nothing is pending.</summary>
        public static bool TryTake(NotificationState* notification, out ulong word)
        {
            word = 0;
            if (!notification->Pending)
                return false;
            word = Take(notification);
            return true;
        }

        /// <summary>Queues the running thread as a waiter; the caller blocks after releasing the lock.</summary>
        public static void Wait(NotificationState* notification, ThreadControl* thread)
        {
            notification->Waiters.Enqueue(thread);
            thread->IpcNotification = notification;
            thread->IpcState = IpcWait.AwaitingSignal;
        }

        /// <summary>A waiter that gives up (timeout, suspension, destruction) leaves the queue.</summary>
        public static void Leave(ThreadControl* thread)
        {
            thread->IpcNotification->Waiters.Remove(thread);
            thread->IpcNotification = null;
        }

        /// <summary>A receive of a thread whose bound notification is pending ends with it at once.</summary>
        public static bool TryDeliverBound(ThreadControl* thread)
        {
            NotificationState* bound = thread->BoundNotification;
            if (bound == null || !TryTake(bound, out ulong word))
                return false;
            DeliverToReceiver(thread, word);
            return true;
        }

        /// <summary>Binds the two; InvalidState when either is bound already or the thread has been destroyed.</summary>
        public static SyscallError Bind(ThreadControl* thread, NotificationState* notification)
        {
            if (thread->BoundNotification != null || notification->BoundThread != null || thread->KillRequested != 0)
                return SyscallError.InvalidState;
            thread->BoundNotification = notification;
            notification->BoundThread = thread;
            return SyscallError.None;
        }

        /// <summary>Unbinds the thread's notification, if any (it is being destroyed, or asked to).</summary>
        public static bool Unbind(ThreadControl* thread)
        {
            NotificationState* notification = thread->BoundNotification;
            if (notification == null)
                return false;
            notification->BoundThread = null;
            thread->BoundNotification = null;
            return true;
        }

        /// <summary>The last capability is gone: every waiter wakes with ObjectDestroyed, the bound thread is unbound.</summary>
        public static void Destroy(CapabilitySlot* capability)
        {
            NotificationState* notification = Of(capability);
            ThreadControl* thread;
            while ((thread = notification->Waiters.Dequeue()) != null)
            {
                thread->IpcNotification = null;
                IpcCompletion.Fail(thread, SyscallError.ObjectDestroyed);
            }
            if (notification->BoundThread != null)
                Unbind(notification->BoundThread);
            notification->Magic = 0;
        }

        private static ulong Take(NotificationState* notification)
        {
            ulong word = notification->Word;
            notification->Word = 0;
            notification->Pending = false;
            return word;
        }

        // The receive returns the word where a message's badge goes, with the FromNotification info and no words.
        private static void DeliverToReceiver(ThreadControl* thread, ulong word)
        {
            var message = new MessageRegisters { CapabilityOrBadge = word, Info = MessageInfo.ReceivedNotification.Word };
            UserContext.WriteMessage(thread->StackTop, in message);
        }
    }
}
