// Thread bodies for the IPC tests, each driven by a block of words the test prepares (rdi points at it):
// an echo server that answers every call with label + 1 and every word + 1 (buffer words too), a client
// that makes calls of given or sweeping lengths and checks every answer, and a receiver that reports what
// its one Receive returned, a notification waiter, and threads that fault on purpose for a fault handler. They record into their block and end with ThreadExit (the code says how it
// went); like every test thread they touch no static that needs a class constructor.
using System.Runtime.InteropServices;
using System.Threading;
using MinimalOS.Abi;
using MinimalOS.User.Runtime;

namespace MinimalOS.Tests.User.Support
{
    internal static unsafe class IpcBodies
    {
        public const ulong StopLabel = 0xD0D0;

        /// <summary>What a server or client thread works with; the test fills it in before ThreadStart.</summary>
        public struct Block
        {
            public ulong Endpoint;
            public ulong Reply;
            /// <summary>The thread's own IPC buffer (user address), or 0.</summary>
            public ulong Buffer;
            public ulong Calls;
            /// <summary>Client: nonzero makes call i carry i % (MaxMessageWords + 1) words.</summary>
            public ulong Sweep;
            public ulong ExpectedBadge;
            /// <summary>Added to every label and word, so several clients of one server send different requests.</summary>
            public ulong Salt;
            public long Done;
            public long Failures;
            public ulong LastError;
            public ulong LastBadge;
            public ulong LastInfo;
            public ulong LastWord0;
        }

        public static ulong EchoServer { get { delegate* unmanaged<ulong, void> entry = &Echo; return (ulong)entry; } }
        public static ulong Client { get { delegate* unmanaged<ulong, void> entry = &CallMany; return (ulong)entry; } }
        public static ulong ReceiveOnce { get { delegate* unmanaged<ulong, void> entry = &ReceiveOne; return (ulong)entry; } }
        public static ulong CallOnce { get { delegate* unmanaged<ulong, void> entry = &CallOne; return (ulong)entry; } }
        public static ulong WaitOnce { get { delegate* unmanaged<ulong, void> entry = &WaitOne; return (ulong)entry; } }
        public static ulong TouchPages { get { delegate* unmanaged<ulong, void> entry = &Touch; return (ulong)entry; } }
        public static ulong FaultOnce { get { delegate* unmanaged<ulong, void> entry = &FaultAtNull; return (ulong)entry; } }
        public static ulong Landing { get { delegate* unmanaged<ulong, void> entry = &Land; return (ulong)entry; } }
        public static ulong RawCall { get { delegate* unmanaged<ulong, void> entry = &CallRaw; return (ulong)entry; } }

        /// <summary>The address FaultOnce writes to: in the user half, never mapped.</summary>
        public const ulong NeverMapped = 0x10;

        public static ulong CapSender { get { delegate* unmanaged<ulong, void> entry = &SendCapability; return (ulong)entry; } }
        public static ulong CapReceiver { get { delegate* unmanaged<ulong, void> entry = &ReceiveCapability; return (ulong)entry; } }

        /// <summary>Sends the capability in slot Salt (one, through its IPC buffer) with label 5; exits with the error.</summary>
        [UnmanagedCallersOnly]
        private static void SendCapability(ulong address)
        {
            var block = (Block*)address;
            ((ulong*)block->Buffer)[IpcBuffer.SendCapsOffset / 8] = block->Salt;
            IpcMessage message = IpcMessage.Of(5, 1, 0x5E, capCount: 1);
            Syscalls.ThreadExit(0x5000 | (ulong)Syscalls.EndpointSend(CapSlot.FromRegister(block->Endpoint), in message));
        }

        /// <summary>Receives one message, accepting a capability into slot Salt; records the info and exits with the error.</summary>
        [UnmanagedCallersOnly]
        private static void ReceiveCapability(ulong address)
        {
            var block = (Block*)address;
            ((ulong*)block->Buffer)[IpcBuffer.ReceiveSlotsOffset / 8] = block->Salt;
            SyscallError error = Syscalls.EndpointReceive(CapSlot.FromRegister(block->Endpoint), Syscalls.NoCapability, out IpcMessage message);
            block->LastInfo = message.Info.Word;
            block->LastWord0 = message.Word0;
            Syscalls.ThreadExit(0xA000 | (ulong)error);
        }

        [UnmanagedCallersOnly]
        private static void Echo(ulong address)
        {
            var block = (Block*)address;
            CapSlot endpoint = CapSlot.FromRegister(block->Endpoint);
            CapSlot reply = CapSlot.FromRegister(block->Reply);
            var buffer = (ulong*)block->Buffer;
            SyscallError error = Syscalls.EndpointReceive(endpoint, reply, out IpcMessage request);
            while (error == SyscallError.None)
            {
                block->LastBadge = request.Badge;
                int length = request.Info.Length;
                if (buffer != null)
                {
                    for (int i = IpcBuffer.RegisterWords; i < length; i++)
                        buffer[i] += 1;
                }
                IpcMessage answer = IpcMessage.Of(request.Info.Label + 1, length, request.Word0 + 1, request.Word1 + 1, request.Word2 + 1, request.Word3 + 1);
                Interlocked.Increment(ref block->Done);
                if (request.Info.Label == StopLabel)
                {
                    Syscalls.EndpointReply(reply, in answer);
                    Syscalls.ThreadExit(0);
                }
                error = Syscalls.EndpointReplyReceive(endpoint, reply, in answer, out request);
            }
            block->LastError = (ulong)error;
            Syscalls.ThreadExit(0xE000 | (ulong)error);
        }

        [UnmanagedCallersOnly]
        private static void CallMany(ulong address)
        {
            var block = (Block*)address;
            CapSlot endpoint = CapSlot.FromRegister(block->Endpoint);
            var buffer = (ulong*)block->Buffer;
            for (ulong call = 0; call < block->Calls; call++)
            {
                int length = block->Sweep != 0 ? (int)(call % (IpcBuffer.MaxMessageWords + 1)) : 4;
                ulong seed = block->Salt + call * 0x1_0001;
                for (int i = IpcBuffer.RegisterWords; i < length; i++)
                    buffer[i] = seed + (ulong)i * 7;
                IpcMessage request = IpcMessage.Of(seed & 0xFFFF_FFFF, length, seed, seed + 1, seed + 2, seed + 3);
                SyscallError error = Syscalls.EndpointCall(endpoint, in request, out IpcMessage answer);
                bool good = error == SyscallError.None && answer.Info.Label == (seed & 0xFFFF_FFFF) + 1 && answer.Info.Length == length
                    && answer.Word0 == seed + 1 && answer.Word1 == seed + 2 && answer.Word2 == seed + 3 && answer.Word3 == seed + 4 && answer.Badge == 0;
                for (int i = IpcBuffer.RegisterWords; good && i < length; i++)
                    good = buffer[i] == seed + (ulong)i * 7 + 1;
                if (!good)
                {
                    block->Failures++;
                    block->LastError = (ulong)error;
                    block->LastInfo = answer.Info.Word;
                    block->LastWord0 = answer.Word0;
                }
                Volatile.Write(ref block->Done, (long)call + 1);
            }
            Syscalls.ThreadExit((ulong)block->Failures);
        }

        [UnmanagedCallersOnly]
        private static void ReceiveOne(ulong address)
        {
            var block = (Block*)address;
            Volatile.Write(ref block->Done, 1);
            SyscallError error = Syscalls.EndpointReceive(CapSlot.FromRegister(block->Endpoint), CapSlot.FromRegister(block->Reply), out IpcMessage message, timeoutNanoseconds: block->Calls);
            block->LastBadge = message.Badge;
            block->LastInfo = message.Info.Word;
            block->LastWord0 = message.Word0;
            Syscalls.ThreadExit(0xA000 | (ulong)error);
        }

        /// <summary>Waits once on the notification in Endpoint (timeout Calls ns); records the word and exits with 0xB000 | the error.</summary>
        [UnmanagedCallersOnly]
        private static void WaitOne(ulong address)
        {
            var block = (Block*)address;
            Volatile.Write(ref block->Done, 1);
            SyscallError error = Syscalls.NotificationWait(CapSlot.FromRegister(block->Endpoint), out ulong word, block->Calls);
            block->LastWord0 = word;
            Syscalls.ThreadExit(0xB000 | (ulong)error);
        }

        /// <summary>Writes a word into each of Calls pages from Endpoint on (unmapped: its pager maps them), reads them back; exits 0xE000 | wrong words.</summary>
        [UnmanagedCallersOnly]
        private static void Touch(ulong address)
        {
            var block = (Block*)address;
            for (ulong i = 0; i < block->Calls; i++)
                *(ulong*)(block->Endpoint + i * 0x1000 + 8 * i) = block->Salt + i;
            ulong wrong = 0;
            for (ulong i = 0; i < block->Calls; i++)
                wrong += *(ulong*)(block->Endpoint + i * 0x1000 + 8 * i) == block->Salt + i ? 0UL : 1UL;
            Syscalls.ThreadExit(0xE000 | wrong);
        }

        /// <summary>Writes to NeverMapped; its fault handler is expected to resume it at Landing instead.</summary>
        [UnmanagedCallersOnly]
        private static void FaultAtNull(ulong address)
        {
            var block = (Block*)address;
            Volatile.Write(ref block->Done, 1);
            Volatile.Write(ref *(long*)NeverMapped, 7);
            Syscalls.ThreadExit(0xE0FF);
        }

        /// <summary>Where a fault handler sends FaultOnce (rdi = its block): records 0x1A and exits 0xE100.</summary>
        [UnmanagedCallersOnly]
        private static void Land(ulong address)
        {
            var block = (Block*)address;
            block->LastWord0 = 0x1A;
            Syscalls.ThreadExit(0xE100);
        }

        /// <summary>Makes system call Salt with arguments 0xA1-0xA6; records rax, rdx and rsi as they came back and exits 0xE200.</summary>
        [UnmanagedCallersOnly]
        private static void CallRaw(ulong address)
        {
            var block = (Block*)address;
            Volatile.Write(ref block->Done, 1);
            SyscallResult result = Syscalls.Raw((long)block->Salt, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6);
            block->LastError = (ulong)result.Error;
            block->LastWord0 = result.First;
            block->LastInfo = result.Second;
            Syscalls.ThreadExit(0xE200);
        }

        [UnmanagedCallersOnly]
        private static void CallOne(ulong address)
        {
            var block = (Block*)address;
            IpcMessage request = IpcMessage.Of(block->Salt, 1, block->Salt);
            Volatile.Write(ref block->Done, 1);
            SyscallError error = Syscalls.EndpointCall(CapSlot.FromRegister(block->Endpoint), in request, out IpcMessage answer);
            block->LastWord0 = answer.Word0;
            Syscalls.ThreadExit(0xC000 | (ulong)error);
        }
    }
}
