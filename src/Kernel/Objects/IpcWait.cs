// What a user thread is waiting for in endpoint IPC or on a notification, if anything. Written under the kernel-object lock by
// the thread itself and by whoever completes or cancels its wait.
namespace MinimalOS.Kernel.Objects
{
    public enum IpcWait : byte
    {
        None = 0,
        /// <summary>Queued on an endpoint with a message (Send or the first half of Call).</summary>
        Sending,
        /// <summary>Queued on an endpoint for a message.</summary>
        Receiving,
        /// <summary>Its Call was delivered; bound to a reply object until it is answered.</summary>
        AwaitingReply,
        /// <summary>Queued on a notification (NotificationWait) until it is signalled.</summary>
        AwaitingSignal,
    }
}
