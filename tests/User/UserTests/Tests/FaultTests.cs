// Faults as messages: a thread with a fault-handler endpoint that touches unmapped pages is paged in by a
// pager (the runner) that maps a frame for each fault message and resumes it; a fault message carries the
// vector, the error code's access bits, the address and the rip ThreadReadRegisters reports, with the
// handler capability's badge; a handler that rewrites the registers of the waiting thread and resumes it
// sends it elsewhere; an answer other than Resume leaves it Faulted until ThreadResume. An unknown system
// call, and a known one from a thread with the foreign-ABI flag, reach the handler with the call's
// registers, and its answer's word 0 is what the call returns in rax, the other registers untouched. Two
// processes share a frame read-only and each writes to it: the pager gives each a private copy, and
// neither the other nor the original sees the write (copy-on-write built outside the kernel).
using MinimalOS.Abi;
using MinimalOS.Tests.User.Framework;
using MinimalOS.Tests.User.Support;
using MinimalOS.User.Runtime;

namespace MinimalOS.Tests.User.Tests
{
    internal static unsafe class FaultTests
    {
        private const ulong PageFault = 14;
        private const ulong UserAccess = 1UL << 2;
        private const ulong PagedOffset = 0x60_0000;
        private const ulong Second = 1_000_000_000;

        public static void Register()
        {
            UserTestRunner.Add("Fault.PagerMapsTouchedPages", &PagerMapsTouchedPages);
            UserTestRunner.Add("Fault.HandlerRewritesRegistersAndResumes", &HandlerRewritesRegistersAndResumes);
            UserTestRunner.Add("Fault.UnknownSyscallGoesToTheHandler", &UnknownSyscallGoesToTheHandler);
            UserTestRunner.Add("Fault.ForeignAbiSendsEveryCall", &ForeignAbiSendsEveryCall);
            UserTestRunner.Add("Fault.CopyOnWriteBetweenTwoSpaces", &CopyOnWriteBetweenTwoSpaces);
        }

        private static void PagerMapsTouchedPages()
        {
            const ulong Pages = 6;
            CapSlot endpoint = Objects.Make(ObjectType.Endpoint);
            CapSlot reply = Objects.Make(ObjectType.Reply);
            CapSlot handler = TestEnvironment.NewSlot();
            Check.Ok(Syscalls.CapMint(endpoint, handler, CapRights.Write, 0x99), "CapMint of the fault-handler capability");
            ulong area = TestEnvironment.Region + PagedOffset;
            IpcBodies.Block* block = IpcThreads.Block(0);
            block->Endpoint = area;
            block->Calls = Pages;
            block->Salt = 0x5150_0000;
            CapSlot thread = IpcThreads.MakeWithFaultHandler(IpcBodies.TouchPages, block, 0, handler);
            TestThreads.Start(thread);
            for (ulong fault = 0; fault < Pages; fault++)
            {
                Check.Ok(Syscalls.EndpointReceive(endpoint, reply, out IpcMessage message, timeoutNanoseconds: 10 * Second), "EndpointReceive of a fault message");
                Check.Equal(FaultMessage.CpuException, message.Info.Label, "the fault message's label");
                Check.True(message.Info.FromCall, "a fault message expects an answer");
                Check.Equal(0x99, message.Badge, "the badge of the thread's fault-handler capability");
                Check.Equal(PageFault, message.Word0, "the vector");
                Check.Equal(FaultMessage.PageFaultWrite | UserAccess, message.Word1 & (FaultMessage.PageFaultWrite | UserAccess | FaultMessage.PageFaultPresent), "the access: a user write to a page not present");
                Check.Equal(area + fault * 0x1000 + 8 * fault, message.Word2, "the fault address: the next page's word");
                Mapping.MapNewFrame(message.Word2 & ~0xFFFUL, Mapping.ReadWrite);
                IpcMessage resume = IpcMessage.Of(FaultMessage.Resume);
                Check.Ok(Syscalls.EndpointReply(reply, in resume), "EndpointReply: resume");
            }
            Check.State(ThreadRunState.Exited, TestThreads.WaitStopped(thread, out ulong code), "the paged thread");
            Check.Equal(0xE000, code, "every word it wrote read back (none wrong)");
        }

        private static void HandlerRewritesRegistersAndResumes()
        {
            CapSlot endpoint = Objects.Make(ObjectType.Endpoint);
            CapSlot reply = Objects.Make(ObjectType.Reply);
            IpcBodies.Block* block = IpcThreads.Block(0);
            CapSlot thread = IpcThreads.MakeWithFaultHandler(IpcBodies.FaultOnce, block, 0, endpoint);
            TestThreads.Start(thread);
            Check.Ok(Syscalls.EndpointReceive(endpoint, reply, out IpcMessage message, timeoutNanoseconds: 10 * Second), "EndpointReceive of the fault message");
            Check.Equal(PageFault, message.Word0, "the vector");
            Check.Equal(IpcBodies.NeverMapped, message.Word2, "the fault address");
            Check.Ok(Syscalls.ThreadReadRegisters(thread, out UserRegisters registers, out ThreadRunState state, out ulong vector), "ThreadReadRegisters of the waiting thread");
            Check.State(ThreadRunState.Faulted, state, "the thread while its handler holds the fault");
            Check.Equal(PageFault, vector, "its recorded vector");
            Check.Equal(registers.Rip, message.Word3, "the message's rip is the thread's");

            // Leave it stopped first: it stays Faulted until ThreadResume retries the write, which faults again.
            IpcMessage stay = IpcMessage.Of(1);
            Check.Ok(Syscalls.EndpointReply(reply, in stay), "EndpointReply: stay stopped");
            Check.State(ThreadRunState.Faulted, TestThreads.WaitStopped(thread, out _), "the thread after an answer other than Resume");
            Check.Ok(Syscalls.ThreadResume(thread), "ThreadResume");
            Check.Ok(Syscalls.EndpointReceive(endpoint, reply, out message, timeoutNanoseconds: 10 * Second), "EndpointReceive of the retried fault");
            Check.Equal(IpcBodies.NeverMapped, message.Word2, "the same fault again");

            registers.Rip = IpcBodies.Landing;
            registers.Rdi = (ulong)block;
            Check.Ok(Syscalls.ThreadWriteRegisters(thread, in registers), "ThreadWriteRegisters of the waiting thread");
            IpcMessage resume = IpcMessage.Of(FaultMessage.Resume);
            Check.Ok(Syscalls.EndpointReply(reply, in resume), "EndpointReply: resume");
            Check.State(ThreadRunState.Exited, TestThreads.WaitStopped(thread, out ulong code), "the thread");
            Check.Equal(0xE100, code, "it continued at the new rip");
            Check.Equal(0x1A, block->LastWord0, "with the new rdi");
        }

        private static void UnknownSyscallGoesToTheHandler()
        {
            CapSlot endpoint = Objects.Make(ObjectType.Endpoint);
            CapSlot reply = Objects.Make(ObjectType.Reply);
            IpcBodies.Block* block = IpcThreads.Block(0);
            block->Salt = 1000;
            CapSlot thread = IpcThreads.MakeWithFaultHandler(IpcBodies.RawCall, block, 0, endpoint);
            TestThreads.Start(thread);
            Check.Ok(Syscalls.EndpointReceive(endpoint, reply, out IpcMessage message, timeoutNanoseconds: 10 * Second), "EndpointReceive of the system-call message");
            CheckSyscallMessage(FaultMessage.UnknownSyscall, 1000, in message);
            Check.Ok(Syscalls.ThreadReadRegisters(thread, out _, out ThreadRunState state, out ulong vector), "ThreadReadRegisters of the waiting thread");
            Check.State(ThreadRunState.Faulted, state, "the thread while its handler holds the call");
            Check.Equal(FaultMessage.SyscallVector, vector, "the vector it reports");
            IpcMessage answer = IpcMessage.Of(FaultMessage.Resume, 1, 0x1234);
            Check.Ok(Syscalls.EndpointReply(reply, in answer), "EndpointReply with the result");
            Check.State(ThreadRunState.Exited, TestThreads.WaitStopped(thread, out ulong code), "the thread");
            Check.Equal(0xE200, code, "its exit code");
            Check.Equal(0x1234, block->LastError, "rax: the handler's word 0");
            Check.Equal(0xA3, block->LastWord0, "rdx as it was");
            Check.Equal(0xA2, block->LastInfo, "rsi as it was");
        }

        private static void ForeignAbiSendsEveryCall()
        {
            CapSlot endpoint = Objects.Make(ObjectType.Endpoint);
            CapSlot reply = Objects.Make(ObjectType.Reply);
            IpcBodies.Block* block = IpcThreads.Block(0);
            block->Salt = (ulong)Syscall.ClockMonotonic;
            CapSlot thread = IpcThreads.MakeWithFaultHandler(IpcBodies.RawCall, block, 0, endpoint);
            Check.Error(SyscallError.InvalidArgument, Syscalls.Raw((long)Syscall.ThreadSetForeignAbi, thread.Encoded, 2).Error, "ThreadSetForeignAbi(2)");
            Check.Ok(Syscalls.ThreadSetForeignAbi(thread, true), "ThreadSetForeignAbi");
            TestThreads.Start(thread);
            Check.Ok(Syscalls.EndpointReceive(endpoint, reply, out IpcMessage message, timeoutNanoseconds: 10 * Second), "EndpointReceive of the foreign call");
            CheckSyscallMessage(FaultMessage.ForeignSyscall, (ulong)Syscall.ClockMonotonic, in message);
            // Its ThreadExit would come here too: clear the flag while it waits.
            Check.Ok(Syscalls.ThreadSetForeignAbi(thread, false), "ThreadSetForeignAbi off");
            IpcMessage answer = IpcMessage.Of(FaultMessage.Resume, 1, 77);
            Check.Ok(Syscalls.EndpointReply(reply, in answer), "EndpointReply with the result");
            Check.State(ThreadRunState.Exited, TestThreads.WaitStopped(thread, out ulong code), "the thread");
            Check.Equal(0xE200, code, "its exit code (ThreadExit was ours again)");
            Check.Equal(77, block->LastError, "rax: the handler's answer, not the clock");
        }

        private static void CopyOnWriteBetweenTwoSpaces()
        {
            const ulong Shared = 0x0000_0200_0000_0000;
            const ulong Original = 0x5;
            ulong window = TestEnvironment.Region + PagedOffset;
            CapSlot endpoint = Objects.Make(ObjectType.Endpoint);
            CapSlot reply = Objects.Make(ObjectType.Reply);
            CapSlot original = Mapping.MapNewFrame(window, Mapping.ReadWrite);
            *(ulong*)window = Original;

            // Two processes, each with the frame mapped read-only at Shared and a thread that reads it, then writes.
            CapSlot* threads = stackalloc CapSlot[2];
            CapSlot* spaces = stackalloc CapSlot[2];
            CapSlot* sharedCopies = stackalloc CapSlot[2];
            for (uint i = 0; i < 2; i++)
            {
                CapSlot space = Objects.Make(ObjectType.AddressSpace);
                CapSlot process = Objects.Make(ObjectType.Process);
                Check.Ok(Syscalls.ProcessCreate(process, Objects.Make(ObjectType.CNode, Isolation.ChildCNodeRadix), space), "set-up: ProcessCreate");
                Isolation.MapBlobPage(space);
                sharedCopies[i] = Objects.Copy(original, CapRights.Read);
                Mapping.Map(sharedCopies[i], space, Shared, CapRights.Read);
                CapSlot handler = TestEnvironment.NewSlot();
                Check.Ok(Syscalls.CapMint(endpoint, handler, CapRights.Write, i + 1), "set-up: CapMint of a fault-handler capability");
                CapSlot thread = Objects.Make(ObjectType.Thread);
                Check.Ok(Syscalls.ThreadConfigure(thread, process, Syscalls.NoCapability, 0, handler), "set-up: ThreadConfigure");
                Check.Ok(Syscalls.ThreadSetPriority(thread, TestEnvironment.Thread, TestThreads.RootPriority, TestThreads.RootPriority), "set-up: ThreadSetPriority");
                var registers = new UserRegisters { Rip = ThreadBlobs.Address(ThreadBlob.ReadWrite), Rsp = Isolation.ChildStack, Rdi = Shared, Rsi = 0xA0 + i, Rflags = 0x202 };
                Check.Ok(Syscalls.ThreadWriteRegisters(thread, in registers), "set-up: ThreadWriteRegisters");
                threads[i] = thread;
                spaces[i] = space;
            }
            TestThreads.Start(threads[0]);
            TestThreads.Start(threads[1]);

            // The pager: each write fault gets a private copy of the page, mapped writable where the shared one was.
            for (int fault = 0; fault < 2; fault++)
            {
                Check.Ok(Syscalls.EndpointReceive(endpoint, reply, out IpcMessage message, timeoutNanoseconds: 10 * Second), "EndpointReceive of a write fault");
                ulong which = message.Badge - 1;
                Check.True(which < 2, "the badge names one of the two threads");
                Check.Equal(PageFault, message.Word0, "the vector");
                Check.Equal(FaultMessage.PageFaultWrite | UserAccess | FaultMessage.PageFaultPresent, message.Word1 & (FaultMessage.PageFaultWrite | UserAccess | FaultMessage.PageFaultPresent), "a user write to a present read-only page");
                Check.Equal(Shared, message.Word2, "the fault address");
                CapSlot copy = Mapping.MapNewFrame(window + 0x1000 * (which + 1), Mapping.ReadWrite);
                *(ulong*)(window + 0x1000 * (which + 1)) = *(ulong*)window;
                Check.Ok(Syscalls.FrameUnmap(sharedCopies[which]), "FrameUnmap of the shared page in the faulting space");
                CapSlot second = Objects.Copy(copy, CapRights.Read | CapRights.Write);
                Mapping.Map(second, spaces[which], Shared, Mapping.ReadWrite);
                IpcMessage resume = IpcMessage.Of(FaultMessage.Resume);
                Check.Ok(Syscalls.EndpointReply(reply, in resume), "EndpointReply: resume");
            }
            for (int i = 0; i < 2; i++)
            {
                Check.State(ThreadRunState.Exited, TestThreads.WaitStopped(threads[i], out ulong read), "a writer");
                Check.Equal(Original, read, "what it read before its write: the shared original");
            }
            Check.Equal(Original, *(ulong*)window, "the original page, untouched by either write");
            Check.Equal(0xA0, *(ulong*)(window + 0x1000), "the first process's private copy holds its write");
            Check.Equal(0xA1, *(ulong*)(window + 0x2000), "the second process's private copy holds its write");
        }

        // The runner has no IPC buffer, so a system-call message reaches it with words 0-3 only.
        private static void CheckSyscallMessage(ulong label, ulong number, in IpcMessage message)
        {
            Check.Equal(label, message.Info.Label, "the message's label");
            Check.True(message.Info.FromCall, "it expects an answer");
            Check.Equal(FaultMessage.Words, (ulong)message.Info.Length, "words that reach a handler without an IPC buffer");
            Check.Equal(number, message.Word0, "word 0: the call number");
            Check.Equal(0xA1, message.Word1, "word 1: rdi");
            Check.Equal(0xA2, message.Word2, "word 2: rsi");
            Check.Equal(0xA3, message.Word3, "word 3: rdx");
        }
    }
}
