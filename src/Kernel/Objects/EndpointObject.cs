// The Endpoint kernel object (64 bytes of untyped memory): a rendezvous point with no buffer of its own.
// At any time it holds either threads waiting to send (with their messages still in their saved
// registers and IPC buffers) or threads waiting to receive, never both - a sender that finds a receiver
// hands its message over at once. Destroying it (its last capability deleted) wakes every waiter with
// ObjectDestroyed. All state is under the kernel-object lock.
using System.Runtime.InteropServices;
using MinimalOS.Abi;
using MinimalOS.Kernel.Capabilities;
using MinimalOS.Kernel.Ipc;

namespace MinimalOS.Kernel.Objects
{
    public enum EndpointQueue : byte
    {
        Idle = 0,
        Senders,
        Receivers,
    }

    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct EndpointState
    {
        public const ulong LiveMagic = 0x544E_494F_5044_4E45;   // "ENDPOINT"

        public ulong Magic;
        public IpcWaitQueue Waiters;
        public EndpointQueue Kind;
    }

    internal static unsafe class EndpointObject
    {
        public static EndpointState* Of(CapabilitySlot* capability) => (EndpointState*)capability->ObjectPointer;

        public static void Initialize(CapabilitySlot* capability) => Of(capability)->Magic = EndpointState.LiveMagic;

        /// <summary>Queues <paramref name="thread"/> as a waiter of <paramref name="kind"/> (the endpoint is idle or already holds that kind).</summary>
        public static void Wait(EndpointState* endpoint, ThreadControl* thread, EndpointQueue kind, IpcWait state)
        {
            endpoint->Kind = kind;
            endpoint->Waiters.Enqueue(thread);
            thread->IpcEndpoint = endpoint;
            thread->IpcState = state;
        }

        /// <summary>The first waiter of <paramref name="kind"/>, taken off the queue, or null.</summary>
        public static ThreadControl* TakeWaiter(EndpointState* endpoint, EndpointQueue kind)
        {
            if (endpoint->Kind != kind)
                return null;
            ThreadControl* thread = endpoint->Waiters.Dequeue();
            Detach(endpoint, thread);
            return thread;
        }

        /// <summary>A waiter that gives up (timeout, suspension, destruction) leaves the queue.</summary>
        public static void Leave(ThreadControl* thread)
        {
            EndpointState* endpoint = thread->IpcEndpoint;
            endpoint->Waiters.Remove(thread);
            Detach(endpoint, thread);
        }

        /// <summary>The last capability is gone: every waiter wakes with ObjectDestroyed.</summary>
        public static void Destroy(CapabilitySlot* capability)
        {
            EndpointState* endpoint = Of(capability);
            ThreadControl* thread;
            while ((thread = endpoint->Waiters.Dequeue()) != null)
            {
                Detach(endpoint, thread);
                IpcCompletion.Fail(thread, SyscallError.ObjectDestroyed);
            }
            endpoint->Magic = 0;
        }

        private static void Detach(EndpointState* endpoint, ThreadControl* thread)
        {
            if (endpoint->Waiters.IsEmpty)
                endpoint->Kind = EndpointQueue.Idle;
            if (thread != null)
                thread->IpcEndpoint = null;
        }
    }
}
