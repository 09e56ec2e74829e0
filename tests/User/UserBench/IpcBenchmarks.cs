// The endpoint IPC benchmarks: a client and an echo server, each a thread of its own process (ChildProcess,
// so every round trip crosses address spaces, like Linux's pipe ping-pong between two processes), at a
// priority above the root task's. The client makes a fixed number of calls, each checked against its
// answer, and times them itself; the server answers each with ReplyReceive. Variants: both threads on one
// CPU; on two CPUs; a capability sent with every call (the server deletes what arrived before answering,
// so its receive slot is empty for the next one); 64 message words each way through the IPC buffers; and
// an unknown system call of the client, which its fault handler (the server) answers with the result -
// the round trip the Linux personality makes for every Linux call. The root task only starts the pair,
// waits for the client and destroys both threads.
using MinimalOS.Abi;
using MinimalOS.Tests.User.Common;
using MinimalOS.User.Runtime;

namespace MinimalOS.Tests.User.UserBench
{
    internal static unsafe class IpcBenchmarks
    {
        private const int TimedCalls = 20000;
        private const int WarmUpCalls = 1000;
        private const ulong ThreadPriority = 20;
        private const int ChildUntypedBits = 22;
        private const int CNodeRadix = 4;

        // Slots of the children's CNodes.
        private const uint EndpointSlot = 1;
        private const uint ReplySlot = 2;
        private const uint GiftSlot = 3;
        private const uint ArrivalSlot = 4;
        private const uint PingSlot = 5;
        private const uint PongSlot = 6;
        private const long UnknownNumber = 1000;

        private enum Variant : ulong
        {
            Plain,
            OneCapability,
            SixtyFourWords,
            UnknownSyscall,
            NotificationPingPong,
        }

        private struct SharedState
        {
            public ulong Variant;
            public ulong Start, End;
            public ulong ClientError, ServerError;
        }

        public static bool Run(CapSlot untyped, CapSlot sharedFrame)
        {
            const string setUp = "ipc set-up";
            SyscallError error = RootSpace.Make(untyped, ObjectType.Untyped, ChildUntypedBits, out uint first);
            if (error == SyscallError.None)
                error = RootSpace.Make(untyped, ObjectType.Untyped, ChildUntypedBits, out uint _);
            ChildProcess client = null, server = null;
            if (error == SyscallError.None)
                error = ChildProcess.Create(RootSpace.Slot(first), CNodeRadix, sharedFrame, out client);
            if (error == SyscallError.None)
                error = ChildProcess.Create(RootSpace.Slot(first + 1), CNodeRadix, sharedFrame, out server);
            if (error == SyscallError.None)
                error = client.AddIpcBuffer();
            if (error == SyscallError.None)
                error = server.AddIpcBuffer();
            uint endpoint = 0, reply = 0;
            if (error == SyscallError.None)
                error = RootSpace.Make(untyped, ObjectType.Endpoint, 0, out endpoint);
            if (error == SyscallError.None)
                error = RootSpace.Make(untyped, ObjectType.Reply, 0, out reply);
            // The client may send capabilities (Grant); what it sends is a plain copy of its own endpoint capability.
            if (error == SyscallError.None)
                error = Syscalls.CapCopy(RootSpace.Slot(endpoint), client.ChildSlotFromRoot(EndpointSlot), CapRights.Write | CapRights.Grant);
            if (error == SyscallError.None)
                error = Syscalls.CapCopy(RootSpace.Slot(endpoint), client.ChildSlotFromRoot(GiftSlot), CapRights.Write);
            if (error == SyscallError.None)
                error = Syscalls.CapCopy(RootSpace.Slot(endpoint), server.ChildSlotFromRoot(EndpointSlot), CapRights.Read);
            if (error == SyscallError.None)
                error = Syscalls.CapCopy(RootSpace.Slot(reply), server.ChildSlotFromRoot(ReplySlot), CapRights.Write);
            uint ping = 0, pong = 0;
            if (error == SyscallError.None)
                error = RootSpace.Make(untyped, ObjectType.Notification, 0, out ping);
            if (error == SyscallError.None)
                error = RootSpace.Make(untyped, ObjectType.Notification, 0, out pong);
            if (error == SyscallError.None)
                error = Syscalls.CapMint(RootSpace.Slot(ping), client.ChildSlotFromRoot(PingSlot), CapRights.Write, 1);
            if (error == SyscallError.None)
                error = Syscalls.CapCopy(RootSpace.Slot(pong), client.ChildSlotFromRoot(PongSlot), CapRights.Read);
            if (error == SyscallError.None)
                error = Syscalls.CapCopy(RootSpace.Slot(ping), server.ChildSlotFromRoot(PingSlot), CapRights.Read);
            if (error == SyscallError.None)
                error = Syscalls.CapMint(RootSpace.Slot(pong), server.ChildSlotFromRoot(PongSlot), CapRights.Write, 1);
            uint faultHandler = RootSpace.TakeSlot();
            if (error == SyscallError.None)
                error = faultHandler == uint.MaxValue ? SyscallError.Range : Syscalls.CapCopy(RootSpace.Slot(endpoint), RootSpace.Slot(faultHandler), CapRights.Write);
            if (error != SyscallError.None)
                return BenchTimer.Failed(setUp, error);

            ulong last = RootSpace.CpuCount - 1;
            bool ok = Measure("ipc call+reply same cpu", Variant.Plain, client, server, last, last);
            if (RootSpace.CpuCount > 1)
                ok &= Measure("ipc call+reply cross cpu", Variant.Plain, client, server, last, last - 1);
            ok &= Measure("ipc call+reply 1 cap", Variant.OneCapability, client, server, last, last);
            ok &= Measure("ipc call+reply 64 words", Variant.SixtyFourWords, client, server, last, last);
            if (RootSpace.CpuCount > 1)
                ok &= Measure("notification signal+wait cross cpu", Variant.NotificationPingPong, client, server, last, last - 1, operationsPerCall: 2);
            client.FaultHandlerSlot = faultHandler;
            ok &= Measure("unknown syscall via fault handler", Variant.UnknownSyscall, client, server, last, last);
            client.FaultHandlerSlot = 0;
            return ok;
        }

        private static bool Measure(string name, Variant variant, ChildProcess client, ChildProcess server, ulong clientCpu, ulong serverCpu, ulong operationsPerCall = 1)
        {
            var shared = (SharedState*)ChildProcess.SharedPage;
            *shared = default;
            shared->Variant = (ulong)variant;
            SyscallError error = server.StartThread(&Serve, 0, ThreadPriority, serverCpu);
            if (error == SyscallError.None)
                error = client.StartThread(&CallMany, 0, ThreadPriority, clientCpu);
            if (error != SyscallError.None)
                return BenchTimer.Failed(name, error);
            // A server that stopped leaves the client waiting in its call: destroying the client ends that wait.
            while (client.ThreadState != ThreadRunState.Exited && !ClientFaulted(variant, client)
                && server.ThreadState != ThreadRunState.Exited && server.ThreadState != ThreadRunState.Faulted)
                Syscalls.Yield();
            bool faulted = ClientFaulted(variant, client) || server.ThreadState == ThreadRunState.Faulted;
            error = client.DestroyThread();
            SyscallError serverDestroyed = server.DestroyThread();
            if (error == SyscallError.None)
                error = serverDestroyed;
            if (faulted)
                error = SyscallError.InvalidState;
            if (error == SyscallError.None && shared->ClientError != 0)
                error = (SyscallError)shared->ClientError;
            if (error == SyscallError.None && shared->ServerError != 0)
                error = (SyscallError)shared->ServerError;
            if (error != SyscallError.None)
                return BenchTimer.Failed(name, error);
            BenchTimer.Report(name, shared->End - shared->Start, TimedCalls * operationsPerCall);
            return true;
        }

        private static CapSlot Slot(uint index) => CapSlot.At(index, CNodeRadix);

        // A client whose system calls go to its fault handler shows as Faulted while the handler holds each one.
        private static bool ClientFaulted(Variant variant, ChildProcess client) =>
            variant != Variant.UnknownSyscall && client.ThreadState == ThreadRunState.Faulted;

        // The client, in its own process: warm-up calls, then the timed ones; every answer must echo its request.
        private static void CallMany(ulong unused)
        {
            var shared = (SharedState*)ChildProcess.SharedPage;
            var variant = (Variant)shared->Variant;
            var buffer = (ulong*)ChildProcess.IpcBufferPage;
            int length = variant == Variant.SixtyFourWords ? 64 : 1;
            int caps = variant == Variant.OneCapability ? 1 : 0;
            buffer[IpcBuffer.SendCapsOffset / 8] = Slot(GiftSlot).Encoded;
            for (int i = IpcBuffer.RegisterWords; i < length; i++)
                buffer[i] = (ulong)i * 3;
            SyscallError error = Run(variant, WarmUpCalls, length, caps);
            Syscalls.ClockMonotonic(out ulong start);
            if (error == SyscallError.None)
                error = Run(variant, TimedCalls, length, caps);
            Syscalls.ClockMonotonic(out ulong end);
            shared->Start = start;
            shared->End = end;
            shared->ClientError = (ulong)error;
            Syscalls.ThreadExit(0);
        }

        private static SyscallError Calls(int count, int length, int caps)
        {
            for (int i = 0; i < count; i++)
            {
                IpcMessage request = IpcMessage.Of(7, length, (ulong)i, capCount: caps);
                SyscallError error = Syscalls.EndpointCall(Slot(EndpointSlot), in request, out IpcMessage answer);
                if (error != SyscallError.None)
                    return error;
                if (answer.Word0 != (ulong)i + 1 || answer.Info.Length != length)
                    return SyscallError.InvalidState;
            }
            return SyscallError.None;
        }

        private static SyscallError Run(Variant variant, int count, int length, int caps) => variant switch
        {
            Variant.UnknownSyscall => UnknownCalls(count),
            Variant.NotificationPingPong => PingPong(count, Slot(PingSlot), Slot(PongSlot)),
            _ => Calls(count, length, caps),
        };

        // Signals the other side, then waits for its signal back: two signal+wait pairs per round.
        private static SyscallError PingPong(int count, CapSlot signal, CapSlot wait)
        {
            for (int i = 0; i < count; i++)
            {
                SyscallError error = Syscalls.NotificationSignal(signal);
                if (error == SyscallError.None)
                    error = Syscalls.NotificationWait(wait, out _);
                if (error != SyscallError.None)
                    return error;
            }
            return SyscallError.None;
        }

        // Each answered by the fault handler with the number plus one in rax.
        private static SyscallError UnknownCalls(int count)
        {
            for (int i = 0; i < count; i++)
            {
                if ((long)Syscalls.Raw(UnknownNumber, (ulong)i).Error != UnknownNumber + 1)
                    return SyscallError.InvalidState;
            }
            return SyscallError.None;
        }

        // The echo server, in its own process, until it is destroyed: answers word 0 plus one, the rest as it came.
        private static void Serve(ulong unused)
        {
            var shared = (SharedState*)ChildProcess.SharedPage;
            var buffer = (ulong*)ChildProcess.IpcBufferPage;
            if (shared->Variant == (ulong)Variant.NotificationPingPong)
            {
                // Waits for the client's signal and answers it, until it is destroyed.
                while (true)
                {
                    SyscallError failed = Syscalls.NotificationWait(Slot(PingSlot), out _);
                    if (failed == SyscallError.None)
                        failed = Syscalls.NotificationSignal(Slot(PongSlot));
                    if (failed != SyscallError.None)
                    {
                        shared->ServerError = (ulong)failed;
                        Syscalls.ThreadExit(1);
                    }
                }
            }
            buffer[IpcBuffer.ReceiveSlotsOffset / 8] = Slot(ArrivalSlot).Encoded;
            bool expectCapability = shared->Variant == (ulong)Variant.OneCapability;
            SyscallError error = Syscalls.EndpointReceive(Slot(EndpointSlot), Slot(ReplySlot), out IpcMessage request);
            while (error == SyscallError.None)
            {
                if (expectCapability)
                {
                    if (request.Info.CapCount != 1)
                        break;
                    error = Syscalls.CapDelete(Slot(ArrivalSlot));
                    if (error != SyscallError.None)
                        break;
                }
                IpcMessage answer = request.Info.Label == FaultMessage.UnknownSyscall
                    ? IpcMessage.Of(FaultMessage.Resume, 1, request.Word0 + 1)
                    : IpcMessage.Of(request.Info.Label, request.Info.Length, request.Word0 + 1, request.Word1, request.Word2, request.Word3);
                error = Syscalls.EndpointReplyReceive(Slot(EndpointSlot), Slot(ReplySlot), in answer, out request);
            }
            shared->ServerError = error == SyscallError.None ? (ulong)SyscallError.InvalidState : (ulong)error;
            Syscalls.ThreadExit(1);
        }
    }
}
