// "page fault via user pager": a client thread in its own process (ChildProcess) writes one word into each
// of Pages pages nobody has mapped; each write faults, and the fault goes as a message to the client's
// fault handler, a pager thread of the root task on the same CPU, which retypes a frame, maps it into the
// client's address space and resumes the client (ReplyReceive). One operation is one page: fault,
// message, retype, map, answer, retried write. Each round gets a fresh untyped for the pager's thread, its
// stack, the frames and page tables, revoked afterwards, so every round starts from unmapped pages; the
// client times its loop itself. Linux's counterpart is an anonymous page fault (mmap, touch, munmap).
using MinimalOS.Abi;
using MinimalOS.Tests.User.Common;
using MinimalOS.User.Runtime;

namespace MinimalOS.Tests.User.UserBench
{
    internal static unsafe class PagerBenchmark
    {
        private const string Name = "page fault via user pager";
        private const int Pages = 256;
        private const int Rounds = 6;
        private const int RoundUntypedBits = 21;
        private const int ChildUntypedBits = 22;
        private const ulong ClientPriority = 20;
        private const ulong PagerPriority = 21;
        private const ulong PagedBase = 0x0000_6100_0000_0000;
        private const ulong PagerStack = 0x0000_7100_0000_0000;
        private const int PagerStackPages = 4;
        private const long DoneNumber = 1000;

        private struct SharedState
        {
            public ulong Elapsed;
            public ulong ClientError;
        }

        // Read by the pager thread, which shares the root task's memory; set before it starts.
        private static uint s_endpoint;
        private static uint s_reply;
        private static uint s_clientSpace;
        private static uint s_roundUntyped;
        private static ulong s_pagerError;

        public static bool Run(CapSlot untyped, CapSlot sharedFrame)
        {
            var shared = (SharedState*)ChildProcess.SharedPage;
            SyscallError error = RootSpace.Make(untyped, ObjectType.Untyped, ChildUntypedBits, out uint childUntyped);
            ChildProcess client = null;
            if (error == SyscallError.None)
                error = ChildProcess.Create(RootSpace.Slot(childUntyped), 4, sharedFrame, out client);
            if (error == SyscallError.None)
                error = RootSpace.Make(untyped, ObjectType.Endpoint, 0, out s_endpoint);
            if (error == SyscallError.None)
                error = RootSpace.Make(untyped, ObjectType.Reply, 0, out s_reply);
            // Each round's untyped is this one's only child, so revoking it empties this one again.
            uint pool = 0;
            if (error == SyscallError.None)
                error = RootSpace.Make(untyped, ObjectType.Untyped, RoundUntypedBits, out pool);
            if (error != SyscallError.None)
                return BenchTimer.Failed(Name, error);
            client.FaultHandlerSlot = s_endpoint;
            client.ReserveThreadSlot();
            s_clientSpace = client.AddressSpaceSlot;
            ulong cpu = RootSpace.CpuCount - 1;
            ulong best = ulong.MaxValue;
            for (int round = 0; round < Rounds && error == SyscallError.None; round++)
            {
                *shared = default;
                s_pagerError = 0;
                uint mark = RootSpace.SlotMark;
                error = RootSpace.Make(RootSpace.Slot(pool), ObjectType.Untyped, RoundUntypedBits, out s_roundUntyped);
                CapSlot roundUntyped = RootSpace.Slot(s_roundUntyped);
                if (error == SyscallError.None)
                    error = StartPager(roundUntyped, cpu);
                if (error == SyscallError.None)
                    error = client.StartThread(&Touch, 0, ClientPriority, cpu);
                if (error == SyscallError.None)
                    error = WaitForClient(client);
                SyscallError destroyed = client.DestroyThread();
                SyscallError revoked = Syscalls.CapRevoke(roundUntyped);
                SyscallError deleted = Syscalls.CapDelete(roundUntyped);
                RootSpace.ReturnSlotsTo(mark);
                if (error == SyscallError.None)
                    error = destroyed != SyscallError.None ? destroyed : revoked != SyscallError.None ? revoked : deleted;
                if (error == SyscallError.None && shared->ClientError != 0)
                    error = (SyscallError)shared->ClientError;
                if (error == SyscallError.None && s_pagerError != 0)
                    error = (SyscallError)s_pagerError;
                if (round > 0 && shared->Elapsed < best)
                    best = shared->Elapsed;
            }
            if (error != SyscallError.None)
                return BenchTimer.Failed(Name, error);
            BenchTimer.Report(Name, best, Pages);
            return true;
        }

        private static SyscallError WaitForClient(ChildProcess client)
        {
            while (true)
            {
                ThreadRunState state = client.ThreadState;
                if (state == ThreadRunState.Exited)
                    return SyscallError.None;
                if (state == ThreadRunState.Faulted && s_pagerError != 0)
                    return SyscallError.InvalidState;
                Syscalls.Yield();
            }
        }

        // A thread of the root task with a small stack, both from the round's untyped.
        private static SyscallError StartPager(CapSlot untyped, ulong cpu)
        {
            SyscallError error = SyscallError.None;
            for (int page = 0; page < PagerStackPages && error == SyscallError.None; page++)
            {
                error = RootSpace.Make(untyped, ObjectType.Frame, 12, out uint frame);
                if (error == SyscallError.None)
                    error = RootSpace.MapWithTables(untyped, RootSpace.Slot(frame), RootSpace.AddressSpace, PagerStack + (ulong)page * 4096, CapRights.Read | CapRights.Write);
            }
            uint slot = 0;
            if (error == SyscallError.None)
                error = RootSpace.Make(untyped, ObjectType.Thread, 0, out slot);
            CapSlot thread = RootSpace.Slot(slot);
            if (error == SyscallError.None)
                error = Syscalls.ThreadConfigure(thread, RootSpace.Slot(RootSlots.Process), Syscalls.NoCapability, 0, Syscalls.NoCapability);
            if (error == SyscallError.None)
                error = Syscalls.ThreadSetPriority(thread, RootSpace.Thread, PagerPriority, PagerPriority);
            delegate*<ulong, void> entry = &Page;
            var registers = new UserRegisters { Rip = (ulong)entry, Rsp = PagerStack + PagerStackPages * 4096 - 8, Rflags = 0x202 };
            if (error == SyscallError.None)
                error = Syscalls.ThreadWriteRegisters(thread, in registers);
            if (error == SyscallError.None)
                error = Syscalls.ThreadStart(thread, cpu);
            return error;
        }

        // The pager: a frame for every page fault, until the client's "done" call (an unknown system call).
        private static void Page(ulong unused)
        {
            CapSlot endpoint = RootSpace.Slot(s_endpoint);
            CapSlot reply = RootSpace.Slot(s_reply);
            CapSlot untyped = RootSpace.Slot(s_roundUntyped);
            CapSlot space = RootSpace.Slot(s_clientSpace);
            SyscallError error = Syscalls.EndpointReceive(endpoint, reply, out IpcMessage fault);
            while (error == SyscallError.None && fault.Info.Label == FaultMessage.CpuException && fault.Word0 == 14)
            {
                error = RootSpace.Make(untyped, ObjectType.Frame, 12, out uint frame);
                if (error == SyscallError.None)
                    error = RootSpace.MapWithTables(untyped, RootSpace.Slot(frame), space, fault.Word2 & ~0xFFFUL, CapRights.Read | CapRights.Write);
                if (error != SyscallError.None)
                    break;
                IpcMessage resume = IpcMessage.Of(FaultMessage.Resume);
                error = Syscalls.EndpointReplyReceive(endpoint, reply, in resume, out fault);
            }
            if (error == SyscallError.None && fault.Info.Label != FaultMessage.UnknownSyscall)
                error = SyscallError.InvalidState;
            s_pagerError = (ulong)error;
            IpcMessage done = IpcMessage.Of(FaultMessage.Resume);
            Syscalls.EndpointReply(reply, in done);
            Syscalls.ThreadExit(0);
        }

        // The client, in its own process: one write per page, timed; then tells the pager it is done.
        private static void Touch(ulong unused)
        {
            var shared = (SharedState*)ChildProcess.SharedPage;
            Syscalls.ClockMonotonic(out ulong start);
            for (int page = 0; page < Pages; page++)
                *(ulong*)(PagedBase + (ulong)page * 4096) = (ulong)page;
            Syscalls.ClockMonotonic(out ulong end);
            shared->Elapsed = end - start;
            for (int page = 0; page < Pages; page++)
            {
                if (*(ulong*)(PagedBase + (ulong)page * 4096) != (ulong)page)
                    shared->ClientError = (ulong)SyscallError.InvalidState;
            }
            Syscalls.Raw(DoneNumber);
            Syscalls.ThreadExit(0);
        }
    }
}
