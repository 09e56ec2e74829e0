// Processes: ProcessCreate and its refusals, ProcessDestroy stopping a running thread of the process for
// good and leaving the object empty (it can be given a CNode and address space again), and 1,000 processes
// created and destroyed leaving the untyped's free bytes exactly at the baseline.
using MinimalOS.Abi;
using MinimalOS.Tests.User.Framework;
using MinimalOS.Tests.User.Support;
using MinimalOS.User.Runtime;

namespace MinimalOS.Tests.User.Tests
{
    internal static unsafe class ProcessTests
    {
        private const int Rounds = 1000;

        public static void Register()
        {
            UserTestRunner.Add("Process.CreateRefusals", &CreateRefusals);
            UserTestRunner.Add("Process.DestroyStopsItsThreadsAndEmptiesIt", &DestroyStopsItsThreadsAndEmptiesIt);
            UserTestRunner.Add("Process.ThousandCreatedAndDestroyedLeaveNoTrace", &ThousandCreatedAndDestroyedLeaveNoTrace);
        }

        private static void CreateRefusals()
        {
            CapSlot process = Objects.Make(ObjectType.Process);
            CapSlot cnode = Objects.Make(ObjectType.CNode, 4);
            CapSlot space = Objects.Make(ObjectType.AddressSpace);
            Check.Error(SyscallError.WrongType, Syscalls.ProcessCreate(process, space, space), "ProcessCreate with an address space as CNode");
            Check.Error(SyscallError.WrongType, Syscalls.ProcessCreate(process, cnode, cnode), "ProcessCreate with a CNode as address space");
            Check.Error(SyscallError.WrongType, Syscalls.ProcessCreate(cnode, cnode, space), "ProcessCreate of a CNode capability");
            Check.Error(SyscallError.InsufficientRights, Syscalls.ProcessCreate(Objects.Copy(process, CapRights.Read), cnode, space), "ProcessCreate through a process copy without Write");
            Check.Error(SyscallError.SlotEmpty, Syscalls.ProcessCreate(process, TestEnvironment.Root.Slot(0), space), "ProcessCreate with empty slot 0 as CNode");
            Check.Ok(Syscalls.ProcessCreate(process, cnode, space), "ProcessCreate");
            Check.Error(SyscallError.InvalidState, Syscalls.ProcessCreate(process, cnode, space), "ProcessCreate of a process that has them already");
            Check.Error(SyscallError.InvalidState, Syscalls.ProcessCreate(TestEnvironment.Process, cnode, space), "ProcessCreate of the root process");
            Check.Error(SyscallError.InsufficientRights, Syscalls.ProcessDestroy(Objects.Copy(process, CapRights.Read)), "ProcessDestroy through a copy without Write");
            Check.Error(SyscallError.WrongType, Syscalls.ProcessDestroy(cnode), "ProcessDestroy of a CNode capability");
        }

        private static void DestroyStopsItsThreadsAndEmptiesIt()
        {
            CapSlot process = Objects.Make(ObjectType.Process);
            CapSlot space = Objects.Make(ObjectType.AddressSpace);
            Check.Ok(Syscalls.ProcessCreate(process, Objects.Make(ObjectType.CNode, 4), space), "ProcessCreate");
            Isolation.MapBlobPage(space);
            CapSlot thread = TestThreads.Configured(process, ThreadBlobs.Address(ThreadBlob.Spin), Isolation.ChildStack, 0);
            CapSlot kept = Objects.Copy(thread, CapRights.All);
            TestThreads.Start(thread);
            Check.Error(SyscallError.InvalidState, Syscalls.ThreadReadRegisters(kept, out _, out _, out _), "ThreadReadRegisters of the spinning thread");
            Check.Ok(Syscalls.ProcessDestroy(process), "ProcessDestroy (returns once the thread is off every CPU)");
            Check.Equal((ulong)ThreadRunState.Exited, Objects.DetailOf(kept), "the process's thread after ProcessDestroy (through a kept copy)");
            Check.Error(SyscallError.InvalidState, Syscalls.ThreadResume(kept), "ThreadResume of a thread whose process was destroyed");
            Check.Ok(Syscalls.ProcessCreate(process, Objects.Make(ObjectType.CNode, 4), Objects.Make(ObjectType.AddressSpace)), "ProcessCreate again on the emptied process");
            Check.Ok(Syscalls.ProcessDestroy(process), "ProcessDestroy again");
        }

        private static void ThousandCreatedAndDestroyedLeaveNoTrace()
        {
            CapSlot untyped = Objects.Make(ObjectType.Untyped, 20);
            uint first = TestEnvironment.NewSlotIndex();
            CapSlot space = TestEnvironment.Root.Slot(first);
            CapSlot cnode = TestEnvironment.Root.Slot(TestEnvironment.NewSlotIndex());
            CapSlot process = TestEnvironment.Root.Slot(TestEnvironment.NewSlotIndex());
            CapSlot thread = TestEnvironment.Root.Slot(TestEnvironment.NewSlotIndex());
            ulong baseline = Objects.DetailOf(untyped);
            ulong parentBaseline = TestEnvironment.TestUntypedFreeBytes();
            for (int round = 0; round < Rounds; round++)
            {
                Check.Ok(Syscalls.UntypedRetype(untyped, ObjectType.AddressSpace, 0, TestEnvironment.CNode, first, 1), "UntypedRetype(AddressSpace)");
                Check.Ok(Syscalls.UntypedRetype(untyped, ObjectType.CNode, 4, TestEnvironment.CNode, first + 1, 1), "UntypedRetype(CNode)");
                Check.Ok(Syscalls.UntypedRetype(untyped, ObjectType.Process, 0, TestEnvironment.CNode, first + 2, 1), "UntypedRetype(Process)");
                Check.Ok(Syscalls.UntypedRetype(untyped, ObjectType.Thread, 0, TestEnvironment.CNode, first + 3, 1), "UntypedRetype(Thread)");
                Check.Ok(Syscalls.ProcessCreate(process, cnode, space), "ProcessCreate");
                Check.Ok(Syscalls.ThreadConfigure(thread, process, Syscalls.NoCapability, 0, Syscalls.NoCapability), "ThreadConfigure");
                Check.Ok(Syscalls.ProcessDestroy(process), "ProcessDestroy");
                Check.Ok(Syscalls.CapRevoke(untyped), "CapRevoke(untyped)");
                if (Objects.DetailOf(untyped) != baseline)
                    Check.Equal(baseline, Objects.DetailOf(untyped), "the untyped's free bytes after a create/destroy round");
            }
            Check.Equal(parentBaseline, TestEnvironment.TestUntypedFreeBytes(), "the test untyped's free bytes after 1,000 processes");
            Check.Equal(0, (ulong)Objects.TypeOf(process) | (ulong)Objects.TypeOf(thread), "the slots after the last revoke");
        }
    }
}
