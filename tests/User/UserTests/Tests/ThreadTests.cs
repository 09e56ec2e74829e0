// Threads of the root process running C#: configure, registers, start, exit codes, suspend and resume of
// a spinning thread, faults and ThreadResume after fixing rip, priorities bounded by the MCP, and every
// refusal docs/SYSCALLS.md names for calls 14-20.
using MinimalOS.Abi;
using MinimalOS.Tests.User.Framework;
using MinimalOS.Tests.User.Support;
using MinimalOS.User.Runtime;

namespace MinimalOS.Tests.User.Tests
{
    internal static unsafe class ThreadTests
    {
        private static ThreadBodies.SpinMailbox s_mailbox;

        public static void Register()
        {
            UserTestRunner.Add("Thread.RunsCSharpAndExitsWithItsCode", &RunsCSharpAndExitsWithItsCode);
            UserTestRunner.Add("Thread.ConfigureRefusals", &ConfigureRefusals);
            UserTestRunner.Add("Thread.SixtySecondThreadIsTheLast", &SixtySecondThreadIsTheLast);
            UserTestRunner.Add("Thread.RegisterRefusals", &RegisterRefusals);
            UserTestRunner.Add("Thread.StartRefusals", &StartRefusals);
            UserTestRunner.Add("Thread.SuspendAndResumeASpinningThread", &SuspendAndResumeASpinningThread);
            UserTestRunner.Add("Thread.SuspendsItself", &SuspendsItself);
            UserTestRunner.Add("Thread.FaultThenResumeWithFixedRip", &FaultThenResumeWithFixedRip);
            UserTestRunner.Add("Thread.PrioritiesBoundedByTheMcp", &PrioritiesBoundedByTheMcp);
            UserTestRunner.Add("Thread.DeleteStopsARunningThread", &DeleteStopsARunningThread);
        }

        private static void RunsCSharpAndExitsWithItsCode()
        {
            CapSlot thread = TestThreads.InRoot(ThreadBodies.ExitWithArgument, 0x1234_5678_9ABC);
            Check.Equal((ulong)ThreadRunState.Inactive, Objects.DetailOf(thread), "state before ThreadStart");
            TestThreads.ExpectExit(thread, 0x1234_5678_9ABC, "a C# thread that exits with its argument");
            Check.Equal((ulong)ThreadRunState.Exited, Objects.DetailOf(thread), "CapIdentify of the exited thread");
            Check.Error(SyscallError.InvalidState, Syscalls.ThreadStart(thread, Syscalls.AnyCpu), "ThreadStart of an exited thread");
            Check.Error(SyscallError.InvalidState, Syscalls.ThreadSuspend(thread), "ThreadSuspend of an exited thread");
            Check.Error(SyscallError.InvalidState, Syscalls.ThreadResume(thread), "ThreadResume of an exited thread");
            var registers = new UserRegisters { Rip = 0x40_0000, Rsp = 0x50_0000, Rflags = 0x202 };
            Check.Error(SyscallError.InvalidState, Syscalls.ThreadWriteRegisters(thread, in registers), "ThreadWriteRegisters of an exited thread");
            if (TestEnvironment.BootInfo.CpuCount > 1)
            {
                CapSlot pinned = TestThreads.InRoot(ThreadBodies.ExitWithArgument, 7, stackIndex: 1);
                Check.Ok(Syscalls.ThreadStart(pinned, TestEnvironment.BootInfo.CpuCount - 1), "ThreadStart on the last CPU");
                Check.State(ThreadRunState.Exited, TestThreads.WaitStopped(pinned, out ulong code), "the thread pinned to the last CPU");
                Check.Equal(7, code, "its exit code");
            }
        }

        private static void ConfigureRefusals()
        {
            CapSlot thread = Objects.Make(ObjectType.Thread);
            CapSlot readOnlyThread = Objects.Copy(thread, CapRights.Read);
            CapSlot readOnlyProcess = Objects.Copy(TestEnvironment.Process, CapRights.Read);
            CapSlot none = Syscalls.NoCapability;
            Check.Error(SyscallError.InsufficientRights, Syscalls.ThreadConfigure(readOnlyThread, TestEnvironment.Process, none, 0, none), "ThreadConfigure through a thread copy without Write");
            Check.Error(SyscallError.InsufficientRights, Syscalls.ThreadConfigure(thread, readOnlyProcess, none, 0, none), "ThreadConfigure into a process copy without Write");
            Check.Error(SyscallError.WrongType, Syscalls.ThreadConfigure(thread, TestEnvironment.CNode, none, 0, none), "ThreadConfigure into a CNode capability");
            Check.Error(SyscallError.WrongType, Syscalls.ThreadConfigure(TestEnvironment.Process, TestEnvironment.Process, none, 0, none), "ThreadConfigure of a process capability");
            CapSlot emptyProcess = Objects.Make(ObjectType.Process);
            Check.Error(SyscallError.InvalidState, Syscalls.ThreadConfigure(thread, emptyProcess, none, 0, none), "ThreadConfigure into a process without CNode and address space");
            CapSlot buffer = Objects.Make(ObjectType.Frame, Objects.SmallFrameBits);
            Check.Error(SyscallError.Alignment, Syscalls.ThreadConfigure(thread, TestEnvironment.Process, buffer, TestEnvironment.Region + 8, none), "ThreadConfigure with a misaligned IPC-buffer address");
            Check.Error(SyscallError.Alignment, Syscalls.ThreadConfigure(thread, TestEnvironment.Process, buffer, BadPointers.KernelHalf, none), "ThreadConfigure with an IPC buffer in the kernel half");
            CapSlot readOnlyBuffer = Objects.Copy(buffer, CapRights.Read);
            Check.Error(SyscallError.InsufficientRights, Syscalls.ThreadConfigure(thread, TestEnvironment.Process, readOnlyBuffer, TestEnvironment.Region, none), "ThreadConfigure with an IPC-buffer copy without Write");
            Check.Error(SyscallError.WrongType, Syscalls.ThreadConfigure(thread, TestEnvironment.Process, none, 0, TestEnvironment.DebugLog), "ThreadConfigure with a DebugLog capability as fault handler");
            CapSlot endpoint = Objects.Make(ObjectType.Endpoint);
            Check.Ok(Syscalls.ThreadConfigure(thread, TestEnvironment.Process, buffer, TestEnvironment.Region, endpoint), "ThreadConfigure with IPC buffer and fault handler");
            Check.Error(SyscallError.InvalidState, Syscalls.ThreadConfigure(thread, TestEnvironment.Process, none, 0, none), "ThreadConfigure of a configured thread");
        }

        private static void SixtySecondThreadIsTheLast()
        {
            CapSlot process = Objects.Make(ObjectType.Process);
            Check.Ok(Syscalls.ProcessCreate(process, Objects.Make(ObjectType.CNode, 2), Objects.Make(ObjectType.AddressSpace)), "ProcessCreate");
            uint first = TestEnvironment.NewSlotIndex();
            for (int i = 1; i < 63; i++)
                TestEnvironment.NewSlotIndex();
            Check.Ok(Syscalls.UntypedRetype(TestEnvironment.TestUntyped, ObjectType.Thread, 0, TestEnvironment.CNode, first, 63), "UntypedRetype of 63 threads");
            for (uint i = 0; i < 62; i++)
                Check.Ok(Syscalls.ThreadConfigure(TestEnvironment.Root.Slot(first + i), process, Syscalls.NoCapability, 0, Syscalls.NoCapability), "ThreadConfigure of threads 1-62");
            Check.Error(SyscallError.OutOfMemory, Syscalls.ThreadConfigure(TestEnvironment.Root.Slot(first + 62), process, Syscalls.NoCapability, 0, Syscalls.NoCapability), "ThreadConfigure of a 63rd thread");
            Check.Ok(Syscalls.ProcessDestroy(process), "ProcessDestroy");
        }

        private static void RegisterRefusals()
        {
            CapSlot thread = TestThreads.InRoot(ThreadBodies.Spinner, (ulong)NewMailbox());
            Check.Ok(Syscalls.ThreadReadRegisters(thread, out UserRegisters registers, out _, out _), "ThreadReadRegisters of an inactive thread");
            Check.Ok(Syscalls.ThreadWriteRegisters(thread, in registers), "ThreadWriteRegisters of an inactive thread");
            Check.Error(SyscallError.BadAddress, Syscalls.ThreadWriteRegisters(thread, 0), "ThreadWriteRegisters(null)");
            Check.Error(SyscallError.BadAddress, Syscalls.ThreadWriteRegisters(thread, BadPointers.KernelHalf), "ThreadWriteRegisters(kernel half)");
            Check.Error(SyscallError.BadAddress, Syscalls.ThreadWriteRegisters(thread, BadPointers.NonCanonicalLow), "ThreadWriteRegisters(0x0000800000000000)");
            Check.Error(SyscallError.BadAddress, Syscalls.ThreadWriteRegisters(thread, BadPointers.NonCanonicalMixed), "ThreadWriteRegisters(0x1234567812345678)");
            Check.Error(SyscallError.BadAddress, Syscalls.ThreadWriteRegisters(thread, BadPointers.Unmapped), "ThreadWriteRegisters(unmapped)");
            Check.Error(SyscallError.BadAddress, Syscalls.ThreadWriteRegisters(thread, BadPointers.StraddlingEnd), "ThreadWriteRegisters(0x00007FFFFFFFEFF8)");
            Check.Error(SyscallError.BadAddress, Syscalls.ThreadReadRegisters(thread, 0, out _, out _), "ThreadReadRegisters(null)");
            Check.Error(SyscallError.BadAddress, Syscalls.ThreadReadRegisters(thread, BadPointers.KernelHalf, out _, out _), "ThreadReadRegisters(kernel half)");
            Check.Error(SyscallError.BadAddress, Syscalls.ThreadReadRegisters(thread, BadPointers.NonCanonicalMixed, out _, out _), "ThreadReadRegisters(0x1234567812345678)");
            Check.Error(SyscallError.BadAddress, Syscalls.ThreadReadRegisters(thread, BadPointers.Unmapped, out _, out _), "ThreadReadRegisters(unmapped)");
            Check.Error(SyscallError.BadAddress, Syscalls.ThreadReadRegisters(thread, BadPointers.StraddlingEnd, out _, out _), "ThreadReadRegisters(0x00007FFFFFFFEFF8)");
            // Read-only memory: the kernel's copy out must fail on the boot-info page.
            Check.Error(SyscallError.BadAddress, Syscalls.ThreadReadRegisters(thread, (ulong)TestEnvironment.BootInfo.Page, out _, out _), "ThreadReadRegisters into the read-only boot-info page");
            var bad = registers;
            bad.Rip = BadPointers.KernelHalf;
            Check.Error(SyscallError.InvalidArgument, Syscalls.ThreadWriteRegisters(thread, in bad), "ThreadWriteRegisters with rip in the kernel half");
            bad = registers;
            bad.Rip = BadPointers.NonCanonicalMixed;
            Check.Error(SyscallError.InvalidArgument, Syscalls.ThreadWriteRegisters(thread, in bad), "ThreadWriteRegisters with a non-canonical rip");
            bad = registers;
            bad.Rsp = BadPointers.NonCanonicalLow;
            Check.Error(SyscallError.InvalidArgument, Syscalls.ThreadWriteRegisters(thread, in bad), "ThreadWriteRegisters with rsp 0x0000800000000000");
            CapSlot readOnly = Objects.Copy(thread, CapRights.Read);
            CapSlot writeOnly = Objects.Copy(thread, CapRights.Write);
            Check.Error(SyscallError.InsufficientRights, Syscalls.ThreadWriteRegisters(readOnly, in registers), "ThreadWriteRegisters through a copy without Write");
            Check.Error(SyscallError.InsufficientRights, Syscalls.ThreadReadRegisters(writeOnly, out _, out _, out _), "ThreadReadRegisters through a copy without Read");
            Check.Error(SyscallError.WrongType, Syscalls.ThreadReadRegisters(TestEnvironment.Process, out _, out _, out _), "ThreadReadRegisters of a process capability");
            Check.Ok(Syscalls.ThreadReadRegisters(thread, out UserRegisters read, out ThreadRunState state, out _), "ThreadReadRegisters of an inactive thread");
            Check.State(ThreadRunState.Inactive, state, "state of the configured, unstarted thread");
            Check.Equal(registers.Rip, read.Rip, "rip read back");
            Check.Equal(registers.Rdi, read.Rdi, "rdi read back");
            TestThreads.Start(thread);
            Check.True(TestThreads.WaitForChange(&StopMailbox()->Count, 0), "the spinner counts");
            Check.Error(SyscallError.InvalidState, Syscalls.ThreadReadRegisters(thread, out _, out _, out _), "ThreadReadRegisters of a running thread");
            Check.Error(SyscallError.InvalidState, Syscalls.ThreadWriteRegisters(thread, in registers), "ThreadWriteRegisters of a running thread");
            System.Threading.Volatile.Write(ref StopMailbox()->Stop, 1);
            Check.State(ThreadRunState.Exited, TestThreads.WaitStopped(thread, out ulong code), "the spinner after it was told to stop");
            Check.Equal(ThreadBodies.SpinnerExitCode, code, "the spinner's exit code");
        }

        private static void StartRefusals()
        {
            CapSlot unconfigured = Objects.Make(ObjectType.Thread);
            Check.Error(SyscallError.InvalidState, Syscalls.ThreadStart(unconfigured, Syscalls.AnyCpu), "ThreadStart of an unconfigured thread");
            CapSlot thread = TestThreads.InRoot(ThreadBodies.ExitWithArgument, 3);
            Check.Error(SyscallError.Range, Syscalls.ThreadStart(thread, TestEnvironment.BootInfo.CpuCount), "ThreadStart on CPU index = CPU count");
            Check.Error(SyscallError.Range, Syscalls.ThreadStart(thread, 200), "ThreadStart on CPU 200");
            Check.Error(SyscallError.InsufficientRights, Syscalls.ThreadStart(Objects.Copy(thread, CapRights.Read), Syscalls.AnyCpu), "ThreadStart through a copy without Write");
            Check.Error(SyscallError.WrongType, Syscalls.ThreadStart(TestEnvironment.DebugLog, Syscalls.AnyCpu), "ThreadStart of a DebugLog capability");
            TestThreads.ExpectExit(thread, 3, "the thread after the refused starts");
            Check.Error(SyscallError.InvalidState, Syscalls.ThreadStart(thread, Syscalls.AnyCpu), "ThreadStart twice");
        }

        private static void SuspendAndResumeASpinningThread()
        {
            ThreadBodies.SpinMailbox* mailbox = NewMailbox();
            CapSlot thread = TestThreads.InRoot(ThreadBodies.Spinner, (ulong)mailbox);
            Check.Error(SyscallError.InvalidState, Syscalls.ThreadResume(thread), "ThreadResume of an inactive thread");
            TestThreads.Start(thread);
            Check.True(TestThreads.WaitForChange(&mailbox->Count, 0), "the spinner counts");
            Check.Error(SyscallError.InvalidState, Syscalls.ThreadResume(thread), "ThreadResume of a running thread");
            Check.Error(SyscallError.InsufficientRights, Syscalls.ThreadSuspend(Objects.Copy(thread, CapRights.Read)), "ThreadSuspend through a copy without Write");
            Check.Ok(Syscalls.ThreadSuspend(thread), "ThreadSuspend of the spinner");
            Check.Ok(Syscalls.ThreadReadRegisters(thread, out UserRegisters registers, out ThreadRunState state, out _), "ThreadReadRegisters of the suspended spinner");
            Check.State(ThreadRunState.Suspended, state, "state after ThreadSuspend");
            long parked = System.Threading.Volatile.Read(ref mailbox->Count);
            for (int i = 0; i < 200; i++)
                Syscalls.Yield();
            Check.Equal((ulong)parked, (ulong)System.Threading.Volatile.Read(ref mailbox->Count), "the suspended spinner's count does not move");
            Check.True(registers.Rip >= 0x40_0000 && registers.Rip < 0x80_0000, "the suspended spinner's rip is in the program's text");
            Check.Ok(Syscalls.ThreadSuspend(thread), "ThreadSuspend of a suspended thread");
            Check.Ok(Syscalls.ThreadResume(thread), "ThreadResume");
            Check.True(TestThreads.WaitForChange(&mailbox->Count, parked), "the resumed spinner counts again");
            Check.Error(SyscallError.InvalidState, Syscalls.ThreadResume(thread), "ThreadResume of a running thread");
            System.Threading.Volatile.Write(ref mailbox->Stop, 1);
            Check.State(ThreadRunState.Exited, TestThreads.WaitStopped(thread, out ulong code), "the spinner after it was told to stop");
            Check.Equal(ThreadBodies.SpinnerExitCode, code, "the spinner's exit code");
        }

        private static void SuspendsItself()
        {
            uint index = TestEnvironment.NewSlotIndex();
            CapSlot own = TestEnvironment.Root.Slot(index);
            CapSlot thread = TestThreads.InRoot(ThreadBodies.SelfSuspender, own.Encoded);
            Check.Ok(Syscalls.CapCopy(thread, own, CapRights.All), "CapCopy of the thread capability into the slot it names itself by");
            TestThreads.Start(thread);
            Check.State(ThreadRunState.Suspended, TestThreads.WaitStopped(thread, out _), "a thread after ThreadSuspend of itself");
            Check.Ok(Syscalls.ThreadResume(thread), "ThreadResume of the self-suspended thread");
            Check.State(ThreadRunState.Exited, TestThreads.WaitStopped(thread, out ulong code), "the resumed thread runs on to its exit");
            Check.Equal(ThreadBodies.SelfSuspenderExitCode, code, "its exit code (with its ThreadSuspend's error in bits 16+: None)");
        }

        private static void FaultThenResumeWithFixedRip()
        {
            CapSlot thread = TestThreads.Configured(TestEnvironment.Process, ThreadBlobs.Address(ThreadBlob.Ud2), TestEnvironment.Region + 0x10_0000, 0);
            TestThreads.ExpectFault(thread, 6, "a thread executing ud2 (#UD)");
            Check.Equal((ulong)ThreadRunState.Faulted, Objects.DetailOf(thread), "CapIdentify of the faulted thread");
            Check.Ok(Syscalls.ThreadReadRegisters(thread, out UserRegisters registers, out _, out _), "ThreadReadRegisters of the faulted thread");
            Check.Equal(ThreadBlobs.Address(ThreadBlob.Ud2), registers.Rip, "rip of the faulted thread (the ud2)");
            registers.Rip += 2;
            Check.Ok(Syscalls.ThreadWriteRegisters(thread, in registers), "ThreadWriteRegisters of the faulted thread (rip past ud2)");
            Check.Ok(Syscalls.ThreadResume(thread), "ThreadResume of the faulted thread");
            Check.State(ThreadRunState.Exited, TestThreads.WaitStopped(thread, out ulong code), "the resumed thread runs on to its exit");
            Check.Equal(0, code, "its exit code");
        }

        private static void PrioritiesBoundedByTheMcp()
        {
            CapSlot a = Objects.Make(ObjectType.Thread);
            CapSlot b = Objects.Make(ObjectType.Thread);
            Check.Error(SyscallError.InsufficientRights, Syscalls.ThreadSetPriority(b, a, 1, 0), "ThreadSetPriority(priority 1) with a new thread (MCP 0) as authority");
            Check.Ok(Syscalls.ThreadSetPriority(b, a, 0, 0), "ThreadSetPriority(0, 0) with a new thread as authority");
            Check.Ok(Syscalls.ThreadSetPriority(a, TestEnvironment.Thread, 20, 10), "ThreadSetPriority(a: priority 20, MCP 10) with the root thread (MCP 31)");
            Check.Ok(Syscalls.ThreadSetPriority(b, a, 10, 10), "ThreadSetPriority(b: 10, 10) with a (MCP 10)");
            Check.Error(SyscallError.InsufficientRights, Syscalls.ThreadSetPriority(b, a, 11, 0), "ThreadSetPriority(priority 11) above a's MCP 10");
            Check.Error(SyscallError.InsufficientRights, Syscalls.ThreadSetPriority(b, a, 0, 11), "ThreadSetPriority(MCP 11) above a's MCP 10");
            Check.Ok(Syscalls.ThreadSetPriority(b, TestEnvironment.Thread, 31, 31), "ThreadSetPriority(31, 31) with the root thread");
            Check.Error(SyscallError.Range, Syscalls.ThreadSetPriority(b, TestEnvironment.Thread, 32, 0), "ThreadSetPriority(priority 32)");
            Check.Error(SyscallError.Range, Syscalls.ThreadSetPriority(b, TestEnvironment.Thread, 0, 32), "ThreadSetPriority(MCP 32)");
            Check.Error(SyscallError.Range, Syscalls.ThreadSetPriority(b, TestEnvironment.Thread, ulong.MaxValue, 0), "ThreadSetPriority(priority 2^64-1)");
            Check.Error(SyscallError.InsufficientRights, Syscalls.ThreadSetPriority(Objects.Copy(b, CapRights.Read), TestEnvironment.Thread, 1, 1), "ThreadSetPriority through a copy without Write");
            Check.Error(SyscallError.WrongType, Syscalls.ThreadSetPriority(b, TestEnvironment.Process, 1, 1), "ThreadSetPriority with a process as authority");
        }

        private static void DeleteStopsARunningThread()
        {
            ThreadBodies.SpinMailbox* mailbox = NewMailbox();
            CapSlot thread = TestThreads.InRoot(ThreadBodies.Spinner, (ulong)mailbox);
            TestThreads.Start(thread);
            Check.True(TestThreads.WaitForChange(&mailbox->Count, 0), "the spinner counts");
            // The process holds a copy of the thread capability; revoking the original takes that too.
            Check.Ok(Syscalls.CapRevoke(thread), "CapRevoke(thread): the process's copy goes");
            Check.Ok(Syscalls.CapDelete(thread), "CapDelete of the last thread capability (returns once it is off every CPU)");
            long stopped = System.Threading.Volatile.Read(ref mailbox->Count);
            for (int i = 0; i < 200; i++)
                Syscalls.Yield();
            Check.Equal((ulong)stopped, (ulong)System.Threading.Volatile.Read(ref mailbox->Count), "the destroyed spinner's count does not move");
        }

        // A fresh mailbox for a test's spinner: nothing counted, not told to stop.
        private static ThreadBodies.SpinMailbox* NewMailbox()
        {
            s_mailbox = default;
            return StopMailbox();
        }

        private static ThreadBodies.SpinMailbox* StopMailbox()
        {
            fixed (ThreadBodies.SpinMailbox* mailbox = &s_mailbox)
                return mailbox;
        }
    }
}
