// Endpoint IPC (calls 24-28): call and reply with badges, every message length up to the IPC buffer's,
// capability transfer with and without Grant, non-blocking and timed waits, a call to a receiver without
// a reply object, replies to a dead client and second replies, a reply object or endpoint destroyed under
// a waiter, a suspended waiter, the priority order of waiting senders, and many clients on two servers
// across CPUs with every answer checked. The runner itself has no IPC buffer (the root thread is
// configured by the kernel without one), so long messages and capabilities travel between test threads.
using System.Threading;
using MinimalOS.Abi;
using MinimalOS.Tests.User.Framework;
using MinimalOS.Tests.User.Support;
using MinimalOS.User.Runtime;

namespace MinimalOS.Tests.User.Tests
{
    internal static unsafe class IpcTests
    {
        private const ulong Millisecond = IpcThreads.Millisecond;

        public static void Register()
        {
            UserTestRunner.Add("Ipc.CallAndReplyCarryLabelWordsAndBadge", &CallAndReplyCarryLabelWordsAndBadge);
            UserTestRunner.Add("Ipc.EveryLengthArrivesIntact", &EveryLengthArrivesIntact);
            UserTestRunner.Add("Ipc.ClientAndServerOnOneCpu", &ClientAndServerOnOneCpu);
            UserTestRunner.Add("Ipc.Refusals", &Refusals);
            UserTestRunner.Add("Ipc.NonBlockingAndTimedWaits", &NonBlockingAndTimedWaits);
            UserTestRunner.Add("Ipc.CallToAReceiverWithoutReplyObject", &CallToAReceiverWithoutReplyObject);
            UserTestRunner.Add("Ipc.SecondReplyAndReplyToADeadClient", &SecondReplyAndReplyToADeadClient);
            UserTestRunner.Add("Ipc.ReplyObjectDestroyedWakesTheCaller", &ReplyObjectDestroyedWakesTheCaller);
            UserTestRunner.Add("Ipc.EndpointDestroyedWakesTheReceiver", &EndpointDestroyedWakesTheReceiver);
            UserTestRunner.Add("Ipc.SuspendInterruptsAWait", &SuspendInterruptsAWait);
            UserTestRunner.Add("Ipc.HigherPrioritySenderFirst", &HigherPrioritySenderFirst);
            UserTestRunner.Add("Ipc.CapabilityTransferNeedsGrant", &CapabilityTransferNeedsGrant);
            UserTestRunner.Add("Ipc.ManyClientsTwoServersAcrossCpus", &ManyClientsTwoServersAcrossCpus);
        }

        private static void CallAndReplyCarryLabelWordsAndBadge()
        {
            CapSlot endpoint = Objects.Make(ObjectType.Endpoint);
            CapSlot badged = TestEnvironment.NewSlot();
            Check.Ok(Syscalls.CapMint(endpoint, badged, CapRights.Write, 0x77), "CapMint of a badged endpoint capability");
            IpcBodies.Block* server = IpcThreads.Block(0);
            server->Endpoint = endpoint.Encoded;
            server->Reply = Objects.Make(ObjectType.Reply).Encoded;
            CapSlot thread = IpcThreads.Start(IpcBodies.EchoServer, server, 0, buffer: false);
            for (ulong i = 0; i < 10; i++)
            {
                IpcMessage request = IpcMessage.Of(100 + i, 4, i, i * 2, i * 3, ulong.MaxValue - i);
                Check.Ok(Syscalls.EndpointCall(badged, in request, out IpcMessage answer), "EndpointCall");
                Check.Equal(101 + i, answer.Info.Label, "the answer's label");
                Check.Equal(4, (ulong)answer.Info.Length, "the answer's length");
                Check.Equal(i + 1, answer.Word0, "answer word 0");
                Check.Equal(i * 2 + 1, answer.Word1, "answer word 1");
                Check.Equal(i * 3 + 1, answer.Word2, "answer word 2");
                Check.Equal(ulong.MaxValue - i + 1, answer.Word3, "answer word 3");
                Check.Equal(0, answer.Badge, "an answer carries no badge");
                Check.Equal(0x77, server->LastBadge, "the badge the server received");
            }
            Stop(badged, thread, server);
        }

        private static void EveryLengthArrivesIntact()
        {
            CapSlot endpoint = Objects.Make(ObjectType.Endpoint);
            IpcBodies.Block* server = IpcThreads.Block(0);
            server->Endpoint = endpoint.Encoded;
            server->Reply = Objects.Make(ObjectType.Reply).Encoded;
            CapSlot serverThread = IpcThreads.Start(IpcBodies.EchoServer, server, 0, buffer: true);
            IpcBodies.Block* client = IpcThreads.Block(1);
            client->Endpoint = endpoint.Encoded;
            client->Calls = 2 * (IpcBuffer.MaxMessageWords + 1);
            client->Sweep = 1;
            client->Salt = 0x1000_0000;
            CapSlot clientThread = IpcThreads.Start(IpcBodies.Client, client, 1, buffer: true);
            Check.State(ThreadRunState.Exited, TestThreads.WaitStopped(clientThread, out ulong failures), "the client");
            Check.Equal(0, failures, "calls whose answer was wrong (every length 0-480, twice)");
            Check.Equal(client->Calls, (ulong)client->Done, "calls made");
            Stop(endpoint, serverThread, server);
        }

        // Both pinned to the last CPU, so that call and reply-receive take the direct switch to each other.
        private static void ClientAndServerOnOneCpu()
        {
            ulong cpu = TestEnvironment.BootInfo.CpuCount - 1;
            CapSlot endpoint = Objects.Make(ObjectType.Endpoint);
            IpcBodies.Block* server = IpcThreads.Block(0);
            server->Endpoint = endpoint.Encoded;
            server->Reply = Objects.Make(ObjectType.Reply).Encoded;
            CapSlot serverThread = IpcThreads.Make(IpcBodies.EchoServer, server, 0, buffer: true);
            Check.Ok(Syscalls.ThreadStart(serverThread, cpu), "ThreadStart of the server on the last CPU");
            IpcBodies.Block* client = IpcThreads.Block(1);
            client->Endpoint = endpoint.Encoded;
            client->Calls = 2000;
            client->Salt = 0x2000_0000;
            CapSlot clientThread = IpcThreads.Make(IpcBodies.Client, client, 1, buffer: true);
            Check.Ok(Syscalls.ThreadStart(clientThread, cpu), "ThreadStart of the client on the last CPU");
            Check.State(ThreadRunState.Exited, TestThreads.WaitStopped(clientThread, out ulong failures), "the client");
            Check.Equal(0, failures, "calls whose answer was wrong");
            Check.Equal(client->Calls, (ulong)client->Done, "calls made");
            Stop(endpoint, serverThread, server);
        }

        private static void Refusals()
        {
            CapSlot endpoint = Objects.Make(ObjectType.Endpoint);
            CapSlot reply = Objects.Make(ObjectType.Reply);
            CapSlot frame = Objects.Make(ObjectType.Frame, Objects.SmallFrameBits);
            IpcMessage empty = IpcMessage.Of(1);
            Check.Error(SyscallError.WrongType, Syscalls.EndpointSend(frame, in empty), "EndpointSend to a frame");
            Check.Error(SyscallError.WrongType, Syscalls.EndpointCall(reply, in empty, out _), "EndpointCall of a reply object");
            Check.Error(SyscallError.WrongType, Syscalls.EndpointReceive(frame, Syscalls.NoCapability, out _), "EndpointReceive on a frame");
            Check.Error(SyscallError.WrongType, Syscalls.EndpointReceive(endpoint, frame, out _), "EndpointReceive naming a frame as reply object");
            Check.Error(SyscallError.WrongType, Syscalls.EndpointReply(endpoint, in empty), "EndpointReply through an endpoint");
            Check.Error(SyscallError.SlotEmpty, Syscalls.EndpointSend(TestEnvironment.NewSlot(), in empty), "EndpointSend through an empty slot");
            Check.Error(SyscallError.InvalidCapability, Syscalls.EndpointSend(CapSlot.FromRegister(0), in empty), "EndpointSend through capability 0");
            Check.Error(SyscallError.InsufficientRights, Syscalls.EndpointSend(Objects.Copy(endpoint, CapRights.Read), in empty), "EndpointSend through a copy without Write");
            Check.Error(SyscallError.InsufficientRights, Syscalls.EndpointReceive(Objects.Copy(endpoint, CapRights.Write), Syscalls.NoCapability, out _, nonBlocking: true), "EndpointReceive through a copy without Read");
            Check.Error(SyscallError.InsufficientRights, Syscalls.EndpointReceive(endpoint, Objects.Copy(reply, CapRights.Read), out _, nonBlocking: true), "EndpointReceive with a reply copy without Write");
            Check.Error(SyscallError.InsufficientRights, Syscalls.EndpointReply(Objects.Copy(reply, CapRights.Read), in empty), "EndpointReply through a copy without Write");
            var reserved = new IpcMessage { Info = new MessageInfo(MessageInfo.Of(1, 0).Word | 1UL << 11) };
            Check.Error(SyscallError.InvalidArgument, Syscalls.EndpointSend(endpoint, in reserved), "EndpointSend with a reserved info bit");
            var fromCall = new IpcMessage { Info = new MessageInfo(MessageInfo.Of(1, 0).Word | 1UL << 13) };
            Check.Error(SyscallError.InvalidArgument, Syscalls.EndpointSend(endpoint, in fromCall), "EndpointSend with the received-only FromCall bit");
            IpcMessage tooLong = IpcMessage.Of(1, IpcBuffer.MaxMessageWords + 1);
            Check.Error(SyscallError.InvalidArgument, Syscalls.EndpointSend(endpoint, in tooLong), "EndpointSend of 481 words");
            IpcMessage needsBuffer = IpcMessage.Of(1, IpcBuffer.RegisterWords + 1);
            Check.Error(SyscallError.InvalidArgument, Syscalls.EndpointCall(endpoint, in needsBuffer, out _), "EndpointCall of 5 words without an IPC buffer");
            IpcMessage withCap = IpcMessage.Of(1, 0, capCount: 1);
            Check.Error(SyscallError.InvalidArgument, Syscalls.EndpointSend(endpoint, in withCap), "EndpointSend of a capability without an IPC buffer");
            Check.Error(SyscallError.NoCaller, Syscalls.EndpointReply(reply, in empty), "EndpointReply with no caller bound");
            var flags = new IpcMessage { Info = MessageInfo.Of(3, 0) };
            Check.Error(SyscallError.InvalidArgument, Syscalls.Raw((long)Syscall.EndpointReceive, endpoint.Encoded, flags.Info.Word).Error, "EndpointReceive is refused a label in its flags word (checked before it waits)");
            Check.Error(SyscallError.InvalidCapability, Syscalls.EndpointReplyReceive(endpoint, Syscalls.NoCapability, in flags, out _), "EndpointReplyReceive without a reply object");
        }

        private static void NonBlockingAndTimedWaits()
        {
            CapSlot endpoint = Objects.Make(ObjectType.Endpoint);
            IpcMessage poll = IpcMessage.Of(1, nonBlocking: true);
            Check.Error(SyscallError.WouldBlock, Syscalls.EndpointSend(endpoint, in poll), "non-blocking EndpointSend without a receiver");
            Check.Error(SyscallError.WouldBlock, Syscalls.EndpointCall(endpoint, in poll, out _), "non-blocking EndpointCall without a receiver");
            Check.Error(SyscallError.WouldBlock, Syscalls.EndpointReceive(endpoint, Syscalls.NoCapability, out _, nonBlocking: true), "non-blocking EndpointReceive without a sender");
            Syscalls.ClockMonotonic(out ulong before);
            Check.Error(SyscallError.TimedOut, Syscalls.EndpointReceive(endpoint, Syscalls.NoCapability, out _, timeoutNanoseconds: 3 * Millisecond), "EndpointReceive with a 3 ms timeout");
            Syscalls.ClockMonotonic(out ulong after);
            Check.True(after - before >= 3 * Millisecond, "the timed receive waited at least its timeout");
            IpcBodies.Block* receiver = IpcThreads.Block(0);
            receiver->Endpoint = endpoint.Encoded;
            CapSlot thread = IpcThreads.Start(IpcBodies.ReceiveOnce, receiver, 0, buffer: false);
            IpcThreads.WaitUntilWaiting(&receiver->Done);
            IpcMessage message = IpcMessage.Of(9, 1, 0xABC, nonBlocking: true);
            Check.Ok(Syscalls.EndpointSend(endpoint, in message), "non-blocking EndpointSend to a waiting receiver");
            Check.State(ThreadRunState.Exited, TestThreads.WaitStopped(thread, out ulong code), "the receiver");
            Check.Equal(0xA000, code, "its EndpointReceive succeeded");
            Check.Equal(0xABC, receiver->LastWord0, "word 0 it received");
            Check.Equal(9, new MessageInfo(receiver->LastInfo).Label, "the label it received");
            Check.True(!new MessageInfo(receiver->LastInfo).FromCall, "a Send is not marked as a call");
        }

        private static void CallToAReceiverWithoutReplyObject()
        {
            CapSlot endpoint = Objects.Make(ObjectType.Endpoint);
            IpcBodies.Block* receiver = IpcThreads.Block(0);
            receiver->Endpoint = endpoint.Encoded;
            CapSlot thread = IpcThreads.Start(IpcBodies.ReceiveOnce, receiver, 0, buffer: false);
            IpcThreads.WaitUntilWaiting(&receiver->Done);
            IpcMessage request = IpcMessage.Of(4, 1, 0x44);
            Check.Error(SyscallError.NoReplyObject, Syscalls.EndpointCall(endpoint, in request, out _), "EndpointCall to a receiver that named no reply object");
            Check.State(ThreadRunState.Exited, TestThreads.WaitStopped(thread, out ulong code), "the receiver");
            Check.Equal(0xA000, code, "its EndpointReceive succeeded");
            Check.True(new MessageInfo(receiver->LastInfo).FromCall, "the message is marked as coming from a call");
        }

        private static void SecondReplyAndReplyToADeadClient()
        {
            CapSlot endpoint = Objects.Make(ObjectType.Endpoint);
            CapSlot reply = Objects.Make(ObjectType.Reply);
            IpcBodies.Block* client = IpcThreads.Block(0);
            client->Endpoint = endpoint.Encoded;
            client->Salt = 0x31;
            CapSlot thread = IpcThreads.Start(IpcBodies.CallOnce, client, 0, buffer: false);
            Check.Ok(Syscalls.EndpointReceive(endpoint, reply, out IpcMessage request), "EndpointReceive of the client's call");
            Check.True(request.Info.FromCall, "the request is marked as a call");
            Check.Equal(0x31, request.Word0, "the request's word 0");
            Check.Error(SyscallError.InvalidState, Syscalls.EndpointReceive(endpoint, reply, out _, nonBlocking: true), "EndpointReceive naming a reply object that a caller is bound to");
            IpcMessage answer = IpcMessage.Of(0, 1, 0x32);
            Check.Ok(Syscalls.EndpointReply(reply, in answer), "EndpointReply");
            Check.State(ThreadRunState.Exited, TestThreads.WaitStopped(thread, out ulong code), "the client");
            Check.Equal(0xC000, code, "its EndpointCall succeeded");
            Check.Equal(0x32, client->LastWord0, "the answer it got");
            Check.Error(SyscallError.NoCaller, Syscalls.EndpointReply(reply, in answer), "a second EndpointReply");

            IpcBodies.Block* doomed = IpcThreads.Block(1);
            doomed->Endpoint = endpoint.Encoded;
            doomed->Salt = 0x33;
            CapSlot doomedThread = IpcThreads.Start(IpcBodies.CallOnce, doomed, 1, buffer: false);
            Check.Ok(Syscalls.EndpointReceive(endpoint, reply, out request), "EndpointReceive of the second client's call");
            // The process holds a copy of each of its threads' capabilities: revoking it first makes the delete final.
            Check.Ok(Syscalls.CapRevoke(doomedThread), "CapRevoke of the waiting client");
            Check.Ok(Syscalls.CapDelete(doomedThread), "CapDelete of the waiting client");
            Check.Error(SyscallError.NoCaller, Syscalls.EndpointReply(reply, in answer), "EndpointReply to a client that was destroyed");
        }

        private static void ReplyObjectDestroyedWakesTheCaller()
        {
            CapSlot endpoint = Objects.Make(ObjectType.Endpoint);
            CapSlot reply = Objects.Make(ObjectType.Reply);
            IpcBodies.Block* client = IpcThreads.Block(0);
            client->Endpoint = endpoint.Encoded;
            CapSlot thread = IpcThreads.Start(IpcBodies.CallOnce, client, 0, buffer: false);
            Check.Ok(Syscalls.EndpointReceive(endpoint, reply, out _), "EndpointReceive of the client's call");
            Check.Ok(Syscalls.CapDelete(reply), "CapDelete of the reply object (the server gives up)");
            Check.State(ThreadRunState.Exited, TestThreads.WaitStopped(thread, out ulong code), "the client");
            Check.Equal(0xC000 | (ulong)SyscallError.ObjectDestroyed, code, "its EndpointCall ended with ObjectDestroyed");
        }

        private static void EndpointDestroyedWakesTheReceiver()
        {
            CapSlot endpoint = Objects.Make(ObjectType.Endpoint);
            IpcBodies.Block* receiver = IpcThreads.Block(0);
            receiver->Endpoint = endpoint.Encoded;
            receiver->Reply = Objects.Make(ObjectType.Reply).Encoded;
            CapSlot thread = IpcThreads.Start(IpcBodies.ReceiveOnce, receiver, 0, buffer: false);
            IpcThreads.WaitUntilWaiting(&receiver->Done);
            Check.Ok(Syscalls.CapDelete(endpoint), "CapDelete of the endpoint's only capability");
            Check.State(ThreadRunState.Exited, TestThreads.WaitStopped(thread, out ulong code), "the receiver");
            Check.Equal(0xA000 | (ulong)SyscallError.ObjectDestroyed, code, "its EndpointReceive ended with ObjectDestroyed");
        }

        private static void SuspendInterruptsAWait()
        {
            CapSlot endpoint = Objects.Make(ObjectType.Endpoint);
            IpcBodies.Block* receiver = IpcThreads.Block(0);
            receiver->Endpoint = endpoint.Encoded;
            CapSlot thread = IpcThreads.Start(IpcBodies.ReceiveOnce, receiver, 0, buffer: false);
            IpcThreads.WaitUntilWaiting(&receiver->Done);
            Check.Ok(Syscalls.ThreadSuspend(thread), "ThreadSuspend of a thread waiting in EndpointReceive");
            Check.Ok(Syscalls.ThreadReadRegisters(thread, out _, out ThreadRunState state, out _), "ThreadReadRegisters of the suspended receiver");
            Check.State(ThreadRunState.Suspended, state, "the receiver parked");
            Check.Ok(Syscalls.ThreadResume(thread), "ThreadResume");
            Check.State(ThreadRunState.Exited, TestThreads.WaitStopped(thread, out ulong code), "the receiver");
            Check.Equal(0xA000 | (ulong)SyscallError.Interrupted, code, "its EndpointReceive ended with Interrupted");
            IpcMessage poll = IpcMessage.Of(1, nonBlocking: true);
            Check.Error(SyscallError.WouldBlock, Syscalls.EndpointSend(endpoint, in poll), "no receiver is left on the endpoint");
        }

        private static void HigherPrioritySenderFirst()
        {
            CapSlot endpoint = Objects.Make(ObjectType.Endpoint);
            CapSlot reply = Objects.Make(ObjectType.Reply);
            IpcBodies.Block* low = IpcThreads.Block(0);
            low->Endpoint = endpoint.Encoded;
            low->Salt = 10;
            IpcBodies.Block* high = IpcThreads.Block(1);
            high->Endpoint = endpoint.Encoded;
            high->Salt = 12;
            CapSlot lowThread = IpcThreads.Make(IpcBodies.CallOnce, low, 0, buffer: false);
            CapSlot highThread = IpcThreads.Make(IpcBodies.CallOnce, high, 1, buffer: false);
            Check.Ok(Syscalls.ThreadSetPriority(lowThread, TestEnvironment.Thread, 10, 10), "ThreadSetPriority 10");
            Check.Ok(Syscalls.ThreadSetPriority(highThread, TestEnvironment.Thread, 12, 12), "ThreadSetPriority 12");
            TestThreads.Start(lowThread);
            IpcThreads.PauseBlocked(endpoint, &low->Done);
            TestThreads.Start(highThread);
            IpcThreads.PauseBlocked(endpoint, &high->Done);
            IpcMessage answer = IpcMessage.Of(0, 1, 1);
            Check.Ok(Syscalls.EndpointReceive(endpoint, reply, out IpcMessage first), "EndpointReceive of the first waiting call");
            Check.Equal(12, first.Word0, "the priority-12 caller is served first");
            Check.Ok(Syscalls.EndpointReply(reply, in answer), "EndpointReply");
            Check.Ok(Syscalls.EndpointReceive(endpoint, reply, out IpcMessage second), "EndpointReceive of the second");
            Check.Equal(10, second.Word0, "then the priority-10 caller");
            Check.Ok(Syscalls.EndpointReply(reply, in answer), "EndpointReply");
            Check.State(ThreadRunState.Exited, TestThreads.WaitStopped(lowThread, out _), "the low caller");
            Check.State(ThreadRunState.Exited, TestThreads.WaitStopped(highThread, out _), "the high caller");
        }

        private static void CapabilityTransferNeedsGrant()
        {
            CapSlot endpoint = Objects.Make(ObjectType.Endpoint);
            CapSlot granting = Objects.Copy(endpoint, CapRights.Write | CapRights.Grant);
            CapSlot plain = Objects.Copy(endpoint, CapRights.Write);
            CapSlot gift = Objects.Make(ObjectType.Notification);
            CapSlot landing = TestEnvironment.NewSlot();

            IpcBodies.Block* refused = IpcThreads.Block(0);
            refused->Endpoint = plain.Encoded;
            refused->Salt = gift.Encoded;
            CapSlot refusedThread = IpcThreads.Start(IpcBodies.CapSender, refused, 0, buffer: true);
            Check.State(ThreadRunState.Exited, TestThreads.WaitStopped(refusedThread, out ulong code), "the sender without Grant");
            Check.Equal(0x5000 | (ulong)SyscallError.InsufficientRights, code, "EndpointSend of a capability without Grant");

            IpcBodies.Block* receiver = IpcThreads.Block(1);
            receiver->Endpoint = endpoint.Encoded;
            receiver->Salt = landing.Encoded;
            CapSlot receiverThread = IpcThreads.Start(IpcBodies.CapReceiver, receiver, 1, buffer: true);
            IpcBodies.Block* sender = IpcThreads.Block(2);
            sender->Endpoint = granting.Encoded;
            sender->Salt = gift.Encoded;
            CapSlot senderThread = IpcThreads.Start(IpcBodies.CapSender, sender, 2, buffer: true);
            Check.State(ThreadRunState.Exited, TestThreads.WaitStopped(senderThread, out code), "the sender with Grant");
            Check.Equal(0x5000, code, "its EndpointSend succeeded");
            Check.State(ThreadRunState.Exited, TestThreads.WaitStopped(receiverThread, out code), "the receiver");
            Check.Equal(0xA000, code, "its EndpointReceive succeeded");
            Check.Equal(1, (ulong)new MessageInfo(receiver->LastInfo).CapCount, "capabilities received");
            Check.Equal(0x5E, receiver->LastWord0, "word 0 received");
            Check.Equal((ulong)ObjectType.Notification, (ulong)Objects.TypeOf(landing), "the capability in the receiver's slot");
            Check.Equal((ulong)ObjectType.Notification, (ulong)Objects.TypeOf(gift), "the sender keeps its own");
            Check.Ok(Syscalls.CapRevoke(gift), "CapRevoke of the sent capability");
            Check.Equal((ulong)ObjectType.Null, (ulong)Objects.TypeOf(landing), "the received copy was derived from it");
        }

        private static void ManyClientsTwoServersAcrossCpus()
        {
            const int Clients = 4;
            const ulong Calls = 300;
            CapSlot endpoint = Objects.Make(ObjectType.Endpoint);
            IpcBodies.Block* serverA = IpcThreads.Block(0);
            IpcBodies.Block* serverB = IpcThreads.Block(1);
            serverA->Endpoint = serverB->Endpoint = endpoint.Encoded;
            serverA->Reply = Objects.Make(ObjectType.Reply).Encoded;
            serverB->Reply = Objects.Make(ObjectType.Reply).Encoded;
            CapSlot a = IpcThreads.Start(IpcBodies.EchoServer, serverA, 0, buffer: false);
            CapSlot b = IpcThreads.Start(IpcBodies.EchoServer, serverB, 1, buffer: false);
            CapSlot* clients = stackalloc CapSlot[Clients];
            IpcBodies.Block** blocks = stackalloc IpcBodies.Block*[Clients];
            for (int i = 0; i < Clients; i++)
            {
                IpcBodies.Block* client = blocks[i] = IpcThreads.Block(2 + i);
                client->Endpoint = endpoint.Encoded;
                client->Calls = Calls;
                client->Salt = (ulong)(i + 1) << 40;
                clients[i] = IpcThreads.Start(IpcBodies.Client, client, 2 + i, buffer: false);
            }
            for (int i = 0; i < Clients; i++)
            {
                Check.State(ThreadRunState.Exited, TestThreads.WaitStopped(clients[i], out ulong failures), "a client");
                Check.Equal(0, failures, "answers that did not match their request");
                Check.Equal(Calls, (ulong)blocks[i]->Done, "calls the client made");
            }
            IpcMessage stop = IpcMessage.Of(IpcBodies.StopLabel);
            Check.Ok(Syscalls.EndpointCall(endpoint, in stop, out _), "stopping one server");
            Check.Ok(Syscalls.EndpointCall(endpoint, in stop, out _), "stopping the other");
            Check.State(ThreadRunState.Exited, TestThreads.WaitStopped(a, out _), "server A");
            Check.State(ThreadRunState.Exited, TestThreads.WaitStopped(b, out _), "server B");
            Check.Equal(Clients * Calls + 2, (ulong)(serverA->Done + serverB->Done), "messages the servers answered (none lost, none twice)");
        }

        // Ends an echo server: the stop call is answered, then the server exits.
        private static void Stop(CapSlot endpoint, CapSlot thread, IpcBodies.Block* server)
        {
            IpcMessage stop = IpcMessage.Of(IpcBodies.StopLabel);
            Check.Ok(Syscalls.EndpointCall(endpoint, in stop, out IpcMessage answer), "EndpointCall of the stop message");
            Check.Equal(IpcBodies.StopLabel + 1, answer.Info.Label, "the stop message's answer");
            Check.State(ThreadRunState.Exited, TestThreads.WaitStopped(thread, out ulong code), "the server");
            Check.Equal(0, code, "the server's exit code");
            Check.Equal(0, server->LastError, "the server's last error");
        }
    }
}
