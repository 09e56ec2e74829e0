// Thread system calls: configuring a thread object into a process, its registers while it is stopped,
// starting, suspending (the call returns once the thread is parked), resuming, priorities bounded by the
// authority's maximum controlled priority, and the caller's own yield and exit.
using MinimalOS.Abi;
using MinimalOS.Kernel.Capabilities;
using MinimalOS.Kernel.Objects;
using MinimalOS.Kernel.Scheduling;
using MinimalOS.Kernel.UserMemory;

namespace MinimalOS.Kernel.Syscalls
{
    public static unsafe class ThreadCalls
    {
        /// <summary>A0 thread (Write), A1 process (Write), A2 IPC buffer frame or 0, A3 its user address, A4 fault-handler endpoint or 0.</summary>
        public static SyscallResult Configure(in SyscallArguments arguments)
        {
            KernelObjects.Lock.Acquire();
            CapabilitySlot* process = null, buffer = null, handler = null;
            SyscallError error = CallerCapabilities.Capability(arguments.A0, ObjectType.Thread, CapRights.None, out CapabilitySlot* thread);
            if (error == SyscallError.None)
                error = CallerCapabilities.Capability(arguments.A1, ObjectType.Process, CapRights.None, out process);
            if (error == SyscallError.None)
                error = CallerCapabilities.OptionalCapability(arguments.A2, ObjectType.Frame, CapRights.Read | CapRights.Write, out buffer);
            if (error == SyscallError.None)
                error = CallerCapabilities.OptionalCapability(arguments.A4, ObjectType.Endpoint, CapRights.None, out handler);
            if (error == SyscallError.None)
                error = ThreadObject.Configure(thread, process, buffer, arguments.A3, handler);
            KernelObjects.Lock.Release();
            return error;
        }

        /// <summary>A0 thread (Write), A1 user address of a UserRegisters.</summary>
        public static SyscallResult WriteRegisters(in SyscallArguments arguments)
        {
            SyscallError error = UserCopy.Read(new UserPointer<UserRegisters>(arguments.A1), out UserRegisters registers);
            if (error != SyscallError.None)
                return error;
            KernelObjects.Lock.Acquire();
            error = CallerCapabilities.Capability(arguments.A0, ObjectType.Thread, CapRights.None, out CapabilitySlot* thread);
            if (error == SyscallError.None)
                error = ThreadObject.WriteRegisters(thread, in registers);
            KernelObjects.Lock.Release();
            return error;
        }

        /// <summary>A0 thread (Read), A1 user address for a UserRegisters. Result 0: its ThreadRunState; result 1: exit code or fault vector.</summary>
        public static SyscallResult ReadRegisters(in SyscallArguments arguments)
        {
            KernelObjects.Lock.Acquire();
            UserRegisters registers = default;
            ulong state = 0, detail = 0;
            SyscallError error = CallerCapabilities.Capability(arguments.A0, ObjectType.Thread, CapRights.None, out CapabilitySlot* thread);
            if (error == SyscallError.None)
            {
                error = ThreadObject.ReadRegisters(thread, out registers, out detail);
                state = (ulong)ThreadObject.Control(thread)->State;
            }
            KernelObjects.Lock.Release();
            if (error == SyscallError.None)
                error = UserCopy.Write(new UserPointer<UserRegisters>(arguments.A1), in registers);
            return error == SyscallError.None ? SyscallResult.Ok(state, detail) : error;
        }

        /// <summary>A0 thread (Write), A1 CPU index to pin it to, or all ones for any CPU.</summary>
        public static SyscallResult Start(in SyscallArguments arguments)
        {
            KernelObjects.Lock.Acquire();
            SyscallError error = CallerCapabilities.Capability(arguments.A0, ObjectType.Thread, CapRights.None, out CapabilitySlot* thread);
            if (error == SyscallError.None)
                error = ThreadObject.Start(thread, arguments.A1);
            KernelObjects.Lock.Release();
            return error;
        }

        /// <summary>A0 thread (Write). Returns once it is parked (the caller itself parks on its way back to user mode).</summary>
        public static SyscallResult Suspend(in SyscallArguments arguments)
        {
            KernelObjects.Lock.Acquire();
            SyscallError error = CallerCapabilities.Capability(arguments.A0, ObjectType.Thread, CapRights.None, out CapabilitySlot* thread);
            bool self = false;
            if (error == SyscallError.None)
            {
                error = ThreadObject.RequestSuspend(thread);
                self = ThreadObject.Control(thread) == ThreadObject.Current();
            }
            KernelObjects.Lock.Release();
            if (error != SyscallError.None || self)
                return error;
            return ThreadWaits.UntilStopped(arguments.A0);
        }

        /// <summary>A0 thread (Write): a suspended or faulted thread continues.</summary>
        public static SyscallResult Resume(in SyscallArguments arguments)
        {
            KernelObjects.Lock.Acquire();
            SyscallError error = CallerCapabilities.Capability(arguments.A0, ObjectType.Thread, CapRights.None, out CapabilitySlot* thread);
            if (error == SyscallError.None)
                error = ThreadObject.Resume(thread);
            KernelObjects.Lock.Release();
            return error;
        }

        /// <summary>A0 thread (Write), A1 1 to send every system call of the thread to its fault handler, 0 to stop.</summary>
        public static SyscallResult SetForeignAbi(in SyscallArguments arguments)
        {
            if (arguments.A1 > 1)
                return SyscallError.InvalidArgument;
            KernelObjects.Lock.Acquire();
            SyscallError error = CallerCapabilities.Capability(arguments.A0, ObjectType.Thread, CapRights.None, out CapabilitySlot* thread);
            if (error == SyscallError.None)
                error = ThreadObject.SetForeignAbi(thread, arguments.A1 == 1);
            KernelObjects.Lock.Release();
            return error;
        }

        /// <summary>A0 thread (Write), A1 authority thread, A2 priority, A3 maximum controlled priority.</summary>
        public static SyscallResult SetPriority(in SyscallArguments arguments)
        {
            KernelObjects.Lock.Acquire();
            CapabilitySlot* authority = null;
            SyscallError error = CallerCapabilities.Capability(arguments.A0, ObjectType.Thread, CapRights.None, out CapabilitySlot* thread);
            if (error == SyscallError.None)
                error = CallerCapabilities.Capability(arguments.A1, ObjectType.Thread, CapRights.None, out authority);
            if (error == SyscallError.None)
                error = ThreadObject.SetPriority(thread, authority, arguments.A2, arguments.A3);
            KernelObjects.Lock.Release();
            return error;
        }

        public static SyscallResult Yield()
        {
            Scheduler.Yield();
            return SyscallResult.Ok();
        }

        /// <summary>A0 exit code. Never returns to the caller.</summary>
        public static SyscallResult Exit(in SyscallArguments arguments)
        {
            ThreadObject.ExitCurrent(arguments.A0);
            return SyscallError.InvalidState;
        }
    }
}
