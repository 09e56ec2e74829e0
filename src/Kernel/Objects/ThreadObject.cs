// The Thread kernel object: 32 KiB of untyped memory holding everything a user thread is - this control
// block (with four capability slots: its CNode, address space, IPC buffer frame and fault handler, all
// copies of what ThreadConfigure was given), the scheduler's Thread and run-queue node (placed here, so the
// kernel heap pays for nothing a program asked for), and its 16 KiB kernel stack, whose top holds the
// saved user registers. A canary at the stack's bottom catches an overflow into the control block.
// Life: Inactive after retype; Running once started; Suspended and Faulted are parked at the boundary to
// user mode; Exited for good. A started thread that exits or is destroyed counts as "leaving" until the
// scheduler has switched off its stack (OnLeftCpu), and no retype reuses memory meanwhile (KernelObjects).
// All fields are read and written under the kernel-object lock, except the flags the thread itself polls
// on its way to user mode, which are written before it is woken or kicked.
using System.Runtime;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MinimalOS.Abi;
using MinimalOS.Kernel.Capabilities;
using MinimalOS.Kernel.Ipc;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Scheduling;
using MinimalOS.Kernel.Threads;

namespace MinimalOS.Kernel.Objects
{
    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct ThreadControl
    {
        public const ulong LiveMagic = 0x4441_4552_4854_5355;   // "USTHREAD"

        public CapabilitySlot CNode;
        public CapabilitySlot AddressSpace;
        public CapabilitySlot IpcBuffer;
        public CapabilitySlot FaultHandler;
        public ulong Magic;
        public ThreadRunState State;
        public byte Priority;
        public byte MaxControlledPriority;
        public bool SuspendRequested;
        /// <summary>1 once the thread is to stop for good; the thread polls it without the lock.</summary>
        public int KillRequested;
        public bool Leaving;
        public int Affinity;
        public ulong IpcBufferAddress;
        public ulong ExitCode;
        public ulong FaultVector;
        public ulong FaultErrorCode;
        public ulong FaultAddress;
        public nint SchedulerThread;
        public ulong StackTop;
        /// <summary>Endpoint IPC (Ipc/, EndpointObject, ReplyObject): what the thread waits for, where, and how it ended.</summary>
        public IpcWait IpcState;
        public bool IpcIsCall;
        public bool IpcCanGrant;
        /// <summary>Its "call" is a fault message the kernel composes (FaultDelivery), not registers it sent.</summary>
        public bool IpcIsFault;
        public ulong IpcFaultLabel;
        /// <summary>Every system call of the thread goes to its fault handler (the Linux personality's mechanism).</summary>
        public bool ForeignAbi;
        public SyscallError IpcResult;
        public ulong IpcBadge;
        public EndpointState* IpcEndpoint;
        public ReplyState* IpcReply;
        public ThreadControl* IpcNext;
        public ThreadControl* IpcPrevious;
        /// <summary>The notification it waits on (AwaitingSignal), and the one bound to it (ends its endpoint receives too).</summary>
        public NotificationState* IpcNotification;
        public NotificationState* BoundNotification;
    }

    internal static unsafe class ThreadObject
    {
        public const int HeldSlotCount = 4;
        private const int SchedulerThreadOffset = 1024;
        private const int RunQueueNodeOffset = 2048;
        private const int StackOffset = 16 * 1024;
        private const ulong StackBytes = 16 * 1024;
        private const ulong Canary = 0x5441_4E41_434B_4353;       // "SCKCANAT"
        private const ulong NoAffinity = ulong.MaxValue;

        private static delegate*<ThreadControl*, ulong, void> s_exitObserver;

        /// <summary>Who is told when an object thread ends (the root task's loader watches for its thread).</summary>
        public static void SetExitObserver(delegate*<ThreadControl*, ulong, void> observer) => s_exitObserver = observer;

        public static ThreadControl* Control(CapabilitySlot* capability) => (ThreadControl*)capability->ObjectPointer;

        public static CapabilitySlot* HeldSlots(CapabilitySlot* capability) => &Control(capability)->CNode;

        public static Thread SchedulerThread(ThreadControl* control) => Unsafe.As<Thread>(ObjectFromAddress(control->SchedulerThread));

        /// <summary>The control block of the running thread, or null for a kernel thread.</summary>
        public static ThreadControl* Current() => (ThreadControl*)Scheduler.CurrentOwner;

        /// <summary>A0 of ThreadSetForeignAbi: sets or clears the flag (a running thread's next system call sees it).</summary>
        public static SyscallError SetForeignAbi(CapabilitySlot* capability, bool on)
        {
            if (capability->Type != ObjectType.Thread)
                return SyscallError.WrongType;
            if ((capability->Rights & CapRights.Write) == 0)
                return SyscallError.InsufficientRights;
            Control(capability)->ForeignAbi = on;
            return SyscallError.None;
        }

        /// <summary>Right after retype (zeroed memory): the placed scheduler objects, the stack canary, Inactive.</summary>
        public static void Initialize(CapabilitySlot* capability)
        {
            byte* memory = (byte*)capability->ObjectPointer;
            ThreadControl* control = (ThreadControl*)memory;
            var stack = new KernelStack(new VirtualAddress((ulong)(memory + StackOffset)), new VirtualAddress((ulong)(memory + StackOffset) + StackBytes));
            Thread thread = Thread.PlaceInObject(memory + SchedulerThreadOffset, memory + RunQueueNodeOffset, stack, &UserThreadEntry, (nint)control, (nint)control);
            *(ulong*)(memory + StackOffset) = Canary;
            control->SchedulerThread = AddressOf(thread);
            control->StackTop = thread.UserFrameTop;
            control->State = ThreadRunState.Inactive;
            control->Affinity = -1;
            control->Magic = ThreadControl.LiveMagic;
            UserContext.Reset(control->StackTop);
        }

        /// <summary>Whether the kernel stack still has its canary (checked when the thread leaves the CPU).</summary>
        public static bool StackIntact(ThreadControl* control) => *(ulong*)((byte*)control + StackOffset) == Canary;

        /// <summary>ThreadConfigure: the thread's CNode and address space come from the process, which records the thread.</summary>
        public static SyscallError Configure(CapabilitySlot* capability, CapabilitySlot* process, CapabilitySlot* ipcBuffer, ulong ipcBufferAddress, CapabilitySlot* faultHandler)
        {
            ThreadControl* control = Control(capability);
            if ((capability->Rights & CapRights.Write) == 0 || (process->Rights & CapRights.Write) == 0)
                return SyscallError.InsufficientRights;
            if (process->Type != ObjectType.Process || (ipcBuffer != null && ipcBuffer->Type != ObjectType.Frame) || (faultHandler != null && faultHandler->Type != ObjectType.Endpoint))
                return SyscallError.WrongType;
            if (control->State != ThreadRunState.Inactive || !control->CNode.IsEmpty)
                return SyscallError.InvalidState;
            CapabilitySlot* cnode = ProcessObject.CNode(process);
            CapabilitySlot* space = ProcessObject.AddressSpace(process);
            CapabilitySlot* processSlot = ProcessObject.FreeThreadSlot(process);
            if (cnode->IsEmpty || space->IsEmpty)
                return SyscallError.InvalidState;
            if (processSlot == null)
                return SyscallError.OutOfMemory;
            if (ipcBuffer != null && ((ipcBufferAddress & (PageSize.Small - 1)) != 0 || ipcBufferAddress >= UserMemory.UserLayout.End))
                return SyscallError.Alignment;
            var hooks = new KernelObjectHooks();
            SyscallError error = CapabilityOperations.Copy(cnode, &control->CNode, CapRights.All);
            if (error == SyscallError.None)
                error = CapabilityOperations.Copy(space, &control->AddressSpace, CapRights.All);
            if (error == SyscallError.None && ipcBuffer != null)
                error = CapabilityOperations.Copy(ipcBuffer, &control->IpcBuffer, CapRights.All);
            if (error == SyscallError.None && faultHandler != null)
                error = CapabilityOperations.Copy(faultHandler, &control->FaultHandler, CapRights.All);
            if (error == SyscallError.None)
                error = CapabilityOperations.Copy(capability, processSlot, CapRights.All);
            if (error != SyscallError.None)
            {
                for (int i = HeldSlotCount - 1; i >= 0; i--)
                {
                    if (!(&control->CNode)[i].IsEmpty)
                        CapabilityOperations.Delete(&control->CNode + i, ref hooks);
                }
                return error;
            }
            control->IpcBufferAddress = ipcBuffer != null ? ipcBufferAddress : 0;
            Thread thread = SchedulerThread(control);
            thread.UserSpace = (nint)AddressSpaceObject.Control(&control->AddressSpace);
            return SyscallError.None;
        }

        public static SyscallError WriteRegisters(CapabilitySlot* capability, in UserRegisters registers)
        {
            ThreadControl* control = Control(capability);
            if ((capability->Rights & CapRights.Write) == 0)
                return SyscallError.InsufficientRights;
            if (!IsStopped(control->State))
                return SyscallError.InvalidState;
            return UserContext.Write(control->StackTop, in registers);
        }

        public static SyscallError ReadRegisters(CapabilitySlot* capability, out UserRegisters registers, out ulong detail)
        {
            registers = default;
            detail = 0;
            ThreadControl* control = Control(capability);
            if ((capability->Rights & CapRights.Read) == 0)
                return SyscallError.InsufficientRights;
            if (!IsStopped(control->State) && control->State != ThreadRunState.Exited)
                return SyscallError.InvalidState;
            UserContext.Read(control->StackTop, out registers);
            detail = control->State == ThreadRunState.Faulted ? control->FaultVector : control->ExitCode;
            return SyscallError.None;
        }

        public static SyscallError Start(CapabilitySlot* capability, ulong affinity)
        {
            ThreadControl* control = Control(capability);
            if ((capability->Rights & CapRights.Write) == 0)
                return SyscallError.InsufficientRights;
            if (control->State != ThreadRunState.Inactive || control->AddressSpace.IsEmpty)
                return SyscallError.InvalidState;
            int cpu = affinity == NoAffinity ? Scheduler.AnyCpu : (int)affinity;
            if (affinity != NoAffinity && (affinity >= 64 || Scheduler.ProcessorAt(cpu) is null))
                return SyscallError.Range;
            control->State = ThreadRunState.Running;
            control->Affinity = cpu;
            if (!Scheduler.StartPlaced(SchedulerThread(control), control->Priority, cpu))
            {
                control->State = ThreadRunState.Inactive;
                return SyscallError.InvalidState;
            }
            return SyscallError.None;
        }

        /// <summary>Asks the thread to stop at its next way to user mode; the caller then waits (WaitStopped).</summary>
        public static SyscallError RequestSuspend(CapabilitySlot* capability)
        {
            ThreadControl* control = Control(capability);
            if ((capability->Rights & CapRights.Write) == 0)
                return SyscallError.InsufficientRights;
            if (control->State == ThreadRunState.Exited)
                return SyscallError.InvalidState;
            if (control->State == ThreadRunState.Inactive)
                return SyscallError.None;
            control->SuspendRequested = true;
            // A thread waiting in IPC gives up its wait (Interrupted) and parks on its way out.
            if (control->IpcState != IpcWait.None)
                Scheduler.Wake(SchedulerThread(control));
            Scheduler.Kick(SchedulerThread(control));
            return SyscallError.None;
        }

        /// <summary>Whether a thread asked to stop has stopped (or can no longer run).</summary>
        public static bool HasStopped(ThreadControl* control) => control->State != ThreadRunState.Running;

        public static SyscallError Resume(CapabilitySlot* capability)
        {
            ThreadControl* control = Control(capability);
            if ((capability->Rights & CapRights.Write) == 0)
                return SyscallError.InsufficientRights;
            if (control->State != ThreadRunState.Suspended && control->State != ThreadRunState.Faulted && !control->SuspendRequested)
                return SyscallError.InvalidState;
            control->SuspendRequested = false;
            if (control->State == ThreadRunState.Suspended || control->State == ThreadRunState.Faulted)
                control->State = ThreadRunState.Running;
            Scheduler.Wake(SchedulerThread(control));
            return SyscallError.None;
        }

        /// <summary>ThreadSetPriority: both values bounded by the authority thread's maximum controlled priority (seL4's MCP).</summary>
        public static SyscallError SetPriority(CapabilitySlot* capability, CapabilitySlot* authority, ulong priority, ulong maxControlled)
        {
            if (authority->Type != ObjectType.Thread)
                return SyscallError.WrongType;
            if ((capability->Rights & CapRights.Write) == 0)
                return SyscallError.InsufficientRights;
            ThreadControl* control = Control(capability);
            ThreadControl* bound = Control(authority);
            if (priority > RunQueue.HighestPriority || maxControlled > RunQueue.HighestPriority)
                return SyscallError.Range;
            if (priority > bound->MaxControlledPriority || maxControlled > bound->MaxControlledPriority)
                return SyscallError.InsufficientRights;
            control->Priority = (byte)priority;
            control->MaxControlledPriority = (byte)maxControlled;
            Scheduler.SetPriorityOf(SchedulerThread(control), (int)priority);
            return SyscallError.None;
        }

        /// <summary>Stops the thread for good (its object is being destroyed, or its process is): it never runs user code again.</summary>
        public static void Kill(CapabilitySlot* capability)
        {
            ThreadControl* control = Control(capability);
            if (control->Magic != ThreadControl.LiveMagic || control->KillRequested != 0)
                return;
            System.Threading.Volatile.Write(ref control->KillRequested, 1);
            NotificationObject.Unbind(control);
            if (control->State == ThreadRunState.Inactive)
            {
                control->State = ThreadRunState.Exited;
                return;
            }
            if (control->State == ThreadRunState.Exited)
                return;
            BeginLeaving(control);
            // Off any IPC queue now, so that a reply to it fails and no sender hands it a message.
            IpcCompletion.Withdraw(control, SyscallError.Interrupted);
            Thread thread = SchedulerThread(control);
            Scheduler.Wake(thread);
            Scheduler.Kick(thread);
        }

        /// <summary>ThreadExit of the running thread: record the code and leave. Never returns.</summary>
        public static void ExitCurrent(ulong code)
        {
            KernelObjects.Lock.Acquire();
            ThreadControl* control = Current();
            control->ExitCode = code;
            control->State = ThreadRunState.Exited;
            BeginLeaving(control);
            KernelObjects.Lock.Release();
            NotifyExit(control);
            Scheduler.Exit();
        }

        private static void NotifyExit(ThreadControl* control)
        {
            delegate*<ThreadControl*, ulong, void> observer = s_exitObserver;
            if (observer != null)
                observer(control, control->ExitCode);
        }

        /// <summary>
        /// Runs on every way back to user mode (end of a system call, end of an interrupt or exception from
        /// ring 3): a thread asked to stop parks here until resumed, a killed one leaves.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void BeforeUserMode() => BeforeUserMode(Current());

        /// <summary>As BeforeUserMode, for a caller that has the running thread's control block (or null) at hand.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void BeforeUserMode(ThreadControl* control)
        {
            // The common case without the lock: nothing asked of this thread. A request made right after
            // this check kicks the CPU, and the next return to user mode looks again. Inlined, so every
            // system call pays a few compares here and the slow path's register saves only when asked.
            if (control != null && (System.Threading.Volatile.Read(ref control->KillRequested) != 0 || control->SuspendRequested || control->State != ThreadRunState.Running))
                ParkOrLeave(control);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ParkOrLeave(ThreadControl* control)
        {
            while (true)
            {
                if (System.Threading.Volatile.Read(ref control->KillRequested) != 0)
                {
                    KernelObjects.Lock.Acquire();
                    control->State = ThreadRunState.Exited;
                    KernelObjects.Lock.Release();
                    NotifyExit(control);
                    Scheduler.Exit();
                }
                KernelObjects.Lock.Acquire();
                bool park = control->State == ThreadRunState.Faulted || control->SuspendRequested;
                if (park && control->State == ThreadRunState.Running)
                    control->State = ThreadRunState.Suspended;
                KernelObjects.Lock.Release();
                if (!park)
                    return;
                Scheduler.Block();
            }
        }

        /// <summary>
        /// A CPU exception in user mode: record it and stop the thread as Faulted; with a fault handler, the
        /// fault goes to it as a message and its answer may resume the thread. A Faulted thread parks until
        /// ThreadResume (which retries the instruction) on its way to user mode (BeforeUserMode, the caller's
        /// next step). False when nobody was told (no handler): the caller logs it.
        /// </summary>
        public static bool StopCurrentForFault(ulong vector, ulong errorCode, ulong address)
        {
            ThreadControl* control = Current();
            KernelObjects.Lock.Acquire();
            control->FaultVector = vector;
            control->FaultErrorCode = errorCode;
            control->FaultAddress = address;
            if (control->State == ThreadRunState.Running || control->State == ThreadRunState.Suspended)
                control->State = ThreadRunState.Faulted;
            return FaultDelivery.SendLocked(control, FaultMessage.CpuException);
        }

        /// <summary>The scheduler has switched off an object thread that ended: its stack is free for reuse now.</summary>
        public static void OnLeftCpu(nint owner)
        {
            var control = (ThreadControl*)owner;
            if (!StackIntact(control))
                System.Environment.FailFast("thread object: kernel stack overflow into the control block");
            if (control->Leaving)
            {
                control->Leaving = false;
                KernelObjects.ThreadLeft();
            }
        }

        private static void BeginLeaving(ThreadControl* control)
        {
            if (control->Leaving)
                return;
            control->Leaving = true;
            KernelObjects.ThreadStartsLeaving();
        }

        private static bool IsStopped(ThreadRunState state) => state == ThreadRunState.Inactive || state == ThreadRunState.Suspended || state == ThreadRunState.Faulted;

        // A new user thread's first kernel code: honour a suspend or kill that came first, then enter user mode.
        private static void UserThreadEntry(nint owner)
        {
            BeforeUserMode();
            UserContext.EnterUserMode(((ThreadControl*)owner)->StackTop);
        }

        private static nint AddressOf(Thread thread) => *(nint*)&thread;

        private static object ObjectFromAddress(nint address) => System.Runtime.CompilerServices.Unsafe.Read<object>(&address);
    }
}
