// The notification calls: Signal, Wait (with an optional timeout), Poll, and binding a notification to a
// thread so that it also ends the thread's endpoint receives (docs/SYSCALLS.md). A waiter blocks for real
// and gives its wait up when suspended or destroyed, as in endpoint IPC (IpcCalls.Wait). Everything runs
// under the kernel-object lock, never held across a block.
using MinimalOS.Abi;
using MinimalOS.Kernel.Capabilities;
using MinimalOS.Kernel.Objects;

namespace MinimalOS.Kernel.Syscalls
{
    public static unsafe class NotificationCalls
    {
        /// <summary>A0 notification (Write): ORs the capability's badge into its word.</summary>
        public static SyscallResult Signal(in SyscallArguments arguments)
        {
            KernelObjects.Lock.Acquire();
            SyscallError error = CallerCapabilities.Capability(arguments.A0, ObjectType.Notification, CapRights.Write, out CapabilitySlot* slot);
            if (error == SyscallError.None)
                NotificationObject.Signal(NotificationObject.Of(slot), slot->Badge);
            KernelObjects.Lock.Release();
            return error;
        }

        /// <summary>A0 notification (Read), A1 timeout in ns (0: none). Result 0: the word, which is cleared.</summary>
        public static SyscallResult Wait(in SyscallArguments arguments)
        {
            ThreadControl* self = ThreadObject.Current();
            if (self == null)
                return SyscallError.InvalidState;
            KernelObjects.Lock.Acquire();
            SyscallError error = CallerCapabilities.Capability(arguments.A0, ObjectType.Notification, CapRights.Read, out CapabilitySlot* slot);
            if (error != SyscallError.None)
            {
                KernelObjects.Lock.Release();
                return error;
            }
            NotificationState* notification = NotificationObject.Of(slot);
            if (NotificationObject.TryTake(notification, out ulong word))
            {
                KernelObjects.Lock.Release();
                return SyscallResult.Ok(word);
            }
            NotificationObject.Wait(notification, self);
            KernelObjects.Lock.Release();
            error = IpcCalls.Wait(self, IpcCalls.DeadlineAfter(arguments.A1));
            return error == SyscallError.None ? SyscallResult.Ok(self->IpcBadge) : error;
        }

        /// <summary>A0 notification (Read). Result 0: the word, which is cleared; WouldBlock when nothing is pending.</summary>
        public static SyscallResult Poll(in SyscallArguments arguments)
        {
            KernelObjects.Lock.Acquire();
            SyscallError error = CallerCapabilities.Capability(arguments.A0, ObjectType.Notification, CapRights.Read, out CapabilitySlot* slot);
            ulong word = 0;
            if (error == SyscallError.None && !NotificationObject.TryTake(NotificationObject.Of(slot), out word))
                error = SyscallError.WouldBlock;
            KernelObjects.Lock.Release();
            return error == SyscallError.None ? SyscallResult.Ok(word) : error;
        }

        /// <summary>A0 thread (Write), A1 notification (Read) to bind, or 0 to unbind the thread's.</summary>
        public static SyscallResult Bind(in SyscallArguments arguments)
        {
            KernelObjects.Lock.Acquire();
            SyscallError error = CallerCapabilities.Capability(arguments.A0, ObjectType.Thread, CapRights.Write, out CapabilitySlot* threadSlot);
            CapabilitySlot* notificationSlot = null;
            if (error == SyscallError.None)
                error = CallerCapabilities.OptionalCapability(arguments.A1, ObjectType.Notification, CapRights.Read, out notificationSlot);
            if (error == SyscallError.None)
            {
                ThreadControl* thread = ThreadObject.Control(threadSlot);
                if (notificationSlot == null)
                    error = NotificationObject.Unbind(thread) ? SyscallError.None : SyscallError.InvalidState;
                else
                    error = NotificationObject.Bind(thread, NotificationObject.Of(notificationSlot));
            }
            KernelObjects.Lock.Release();
            return error;
        }
    }
}
