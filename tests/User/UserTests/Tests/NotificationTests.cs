// Notifications (calls 29-32): badges accumulate until a wait or poll takes them, an unbadged signal is
// kept as a pending 0, a waiter on another CPU blocks until a signal and gets its word, a wait times out,
// destroying the object wakes its waiter, a bound notification ends its thread's endpoint receive (pending
// before the receive, or signalled during it), and the rights and binding rules are enforced.
using MinimalOS.Abi;
using MinimalOS.Tests.User.Framework;
using MinimalOS.Tests.User.Support;
using MinimalOS.User.Runtime;

namespace MinimalOS.Tests.User.Tests
{
    internal static unsafe class NotificationTests
    {
        public static void Register()
        {
            UserTestRunner.Add("Notification.BadgesAccumulateUntilTaken", &BadgesAccumulateUntilTaken);
            UserTestRunner.Add("Notification.WaiterWakesWithTheWord", &WaiterWakesWithTheWord);
            UserTestRunner.Add("Notification.WaitTimesOutAndDestroyWakes", &WaitTimesOutAndDestroyWakes);
            UserTestRunner.Add("Notification.BoundNotificationEndsAReceive", &BoundNotificationEndsAReceive);
            UserTestRunner.Add("Notification.Refusals", &Refusals);
        }

        private static void BadgesAccumulateUntilTaken()
        {
            CapSlot notification = Objects.Make(ObjectType.Notification);
            CapSlot one = Badged(notification, 0x1);
            CapSlot four = Badged(notification, 0x4);
            Check.Error(SyscallError.WouldBlock, Syscalls.NotificationPoll(notification, out _), "NotificationPoll of a fresh notification");
            Check.Ok(Syscalls.NotificationSignal(one), "NotificationSignal with badge 1");
            Check.Ok(Syscalls.NotificationSignal(four), "NotificationSignal with badge 4");
            Check.Ok(Syscalls.NotificationSignal(one), "NotificationSignal with badge 1 again");
            Check.Ok(Syscalls.NotificationPoll(notification, out ulong word), "NotificationPoll");
            Check.Equal(0x5, word, "the word: the badges ORed");
            Check.Error(SyscallError.WouldBlock, Syscalls.NotificationPoll(notification, out _), "NotificationPoll after the word was taken");
            Check.Ok(Syscalls.NotificationSignal(notification), "NotificationSignal through the unbadged capability");
            Check.Ok(Syscalls.NotificationWait(notification, out word), "NotificationWait with a signal pending returns at once");
            Check.Equal(0, word, "an unbadged signal's word");
        }

        private static void WaiterWakesWithTheWord()
        {
            CapSlot notification = Objects.Make(ObjectType.Notification);
            IpcBodies.Block* waiter = IpcThreads.Block(0);
            waiter->Endpoint = notification.Encoded;
            CapSlot thread = IpcThreads.Start(IpcBodies.WaitOnce, waiter, 0, buffer: false);
            IpcThreads.WaitUntilWaiting(&waiter->Done);
            Check.Error(SyscallError.InvalidState, Syscalls.ThreadReadRegisters(thread, out _, out _, out _), "ThreadReadRegisters of the waiter (still waiting)");
            Check.Ok(Syscalls.NotificationSignal(Badged(notification, 0x80)), "NotificationSignal with badge 0x80");
            Check.State(ThreadRunState.Exited, TestThreads.WaitStopped(thread, out ulong code), "the waiter");
            Check.Equal(0xB000, code, "its NotificationWait succeeded");
            Check.Equal(0x80, waiter->LastWord0, "the word it got");
            Check.Error(SyscallError.WouldBlock, Syscalls.NotificationPoll(notification, out _), "NotificationPoll: the waiter took the word");
        }

        private static void WaitTimesOutAndDestroyWakes()
        {
            CapSlot notification = Objects.Make(ObjectType.Notification);
            Syscalls.ClockMonotonic(out ulong start);
            Check.Error(SyscallError.TimedOut, Syscalls.NotificationWait(notification, out _, 10 * IpcThreads.Millisecond), "NotificationWait with a 10 ms timeout");
            Syscalls.ClockMonotonic(out ulong end);
            Check.True(end - start >= 10 * IpcThreads.Millisecond, "the wait lasted its timeout");
            IpcBodies.Block* waiter = IpcThreads.Block(0);
            waiter->Endpoint = notification.Encoded;
            CapSlot thread = IpcThreads.Start(IpcBodies.WaitOnce, waiter, 0, buffer: false);
            IpcThreads.WaitUntilWaiting(&waiter->Done);
            Check.Ok(Syscalls.CapDelete(notification), "CapDelete of the notification's only capability");
            Check.State(ThreadRunState.Exited, TestThreads.WaitStopped(thread, out ulong code), "the waiter");
            Check.Equal(0xB000 | (ulong)SyscallError.ObjectDestroyed, code, "its NotificationWait failed with ObjectDestroyed");
        }

        private static void BoundNotificationEndsAReceive()
        {
            CapSlot endpoint = Objects.Make(ObjectType.Endpoint);
            CapSlot notification = Objects.Make(ObjectType.Notification);
            CapSlot badged = Badged(notification, 0x30);

            IpcBodies.Block* receiver = IpcThreads.Block(0);
            receiver->Endpoint = endpoint.Encoded;
            CapSlot thread = IpcThreads.Make(IpcBodies.ReceiveOnce, receiver, 0, buffer: false);
            Check.Ok(Syscalls.ThreadBindNotification(thread, notification), "ThreadBindNotification");
            TestThreads.Start(thread);
            IpcThreads.WaitUntilWaiting(&receiver->Done);
            Check.Ok(Syscalls.NotificationSignal(badged), "NotificationSignal of the bound notification");
            Check.State(ThreadRunState.Exited, TestThreads.WaitStopped(thread, out ulong code), "the receiver");
            Check.Equal(0xA000, code, "its EndpointReceive succeeded");
            Check.True(new MessageInfo(receiver->LastInfo).FromNotification, "the receive says it was the notification");
            Check.Equal(0x30, receiver->LastBadge, "the notification word in the badge register");
            IpcMessage nobody = IpcMessage.Of(1, nonBlocking: true);
            Check.Error(SyscallError.WouldBlock, Syscalls.EndpointSend(endpoint, in nobody), "EndpointSend: the receiver left the endpoint");

            // Pending before the receive: it returns at once, before a message that is waiting too.
            IpcBodies.Block* early = IpcThreads.Block(1);
            early->Endpoint = endpoint.Encoded;
            CapSlot second = IpcThreads.Make(IpcBodies.ReceiveOnce, early, 1, buffer: false);
            Check.Ok(Syscalls.ThreadBindNotification(thread, Syscalls.NoCapability), "unbinding it from the first (exited) thread");
            Check.Ok(Syscalls.ThreadBindNotification(second, notification), "ThreadBindNotification to a second thread");
            Check.Ok(Syscalls.NotificationSignal(badged), "NotificationSignal before the receive");
            TestThreads.Start(second);
            Check.State(ThreadRunState.Exited, TestThreads.WaitStopped(second, out code), "the second receiver");
            Check.Equal(0xA000, code, "its EndpointReceive succeeded");
            Check.True(new MessageInfo(early->LastInfo).FromNotification, "it got the notification");
            Check.Equal(0x30, early->LastBadge, "the word");
        }

        private static void Refusals()
        {
            CapSlot notification = Objects.Make(ObjectType.Notification);
            CapSlot other = Objects.Make(ObjectType.Notification);
            CapSlot endpoint = Objects.Make(ObjectType.Endpoint);
            CapSlot readOnly = Objects.Copy(notification, CapRights.Read);
            CapSlot writeOnly = Objects.Copy(notification, CapRights.Write);
            Check.Error(SyscallError.InsufficientRights, Syscalls.NotificationSignal(readOnly), "NotificationSignal without Write");
            Check.Error(SyscallError.InsufficientRights, Syscalls.NotificationWait(writeOnly, out _, 1), "NotificationWait without Read");
            Check.Error(SyscallError.InsufficientRights, Syscalls.NotificationPoll(writeOnly, out _), "NotificationPoll without Read");
            Check.Error(SyscallError.WrongType, Syscalls.NotificationSignal(endpoint), "NotificationSignal of an endpoint");
            Check.Error(SyscallError.WrongType, Syscalls.ThreadBindNotification(TestEnvironment.Thread, endpoint), "ThreadBindNotification of an endpoint");
            Check.Error(SyscallError.InvalidState, Syscalls.ThreadBindNotification(TestEnvironment.Thread, Syscalls.NoCapability), "unbinding when none is bound");
            Check.Ok(Syscalls.ThreadBindNotification(TestEnvironment.Thread, notification), "ThreadBindNotification to the runner");
            Check.Error(SyscallError.InvalidState, Syscalls.ThreadBindNotification(TestEnvironment.Thread, other), "a second notification for the same thread");
            IpcBodies.Block* block = IpcThreads.Block(0);
            CapSlot idle = IpcThreads.Make(IpcBodies.ReceiveOnce, block, 0, buffer: false);
            Check.Error(SyscallError.InvalidState, Syscalls.ThreadBindNotification(idle, notification), "a notification bound to another thread already");
            Check.Ok(Syscalls.ThreadBindNotification(TestEnvironment.Thread, Syscalls.NoCapability), "unbinding");
            Check.Ok(Syscalls.ThreadBindNotification(idle, notification), "binding it to the other thread now");
        }

        private static CapSlot Badged(CapSlot notification, ulong badge)
        {
            CapSlot slot = TestEnvironment.NewSlot();
            Check.Ok(Syscalls.CapMint(notification, slot, CapRights.Write, badge), "CapMint of a badged notification capability");
            return slot;
        }
    }
}
