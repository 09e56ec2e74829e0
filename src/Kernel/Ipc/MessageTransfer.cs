// Moves one message from a sender's saved registers and IPC buffer to a receiver's: the register words
// always, the buffer words when both threads have an IPC buffer (a receiver without one gets the register
// words only), and capabilities when the sender's endpoint capability had Grant and the receiver named
// empty slots for them. Each capability arrives as a copy derived from the sender's (revocable through
// it); the first one that cannot be transferred - the sender's slot does not resolve or is empty, the
// receiver's does not resolve or is occupied - stops the transfer, and the received info says how many
// arrived. The buffers are reached through the direct map from their frames, so no user pointer is
// followed and nothing can fault. Under the kernel-object lock; never allocates.
using MinimalOS.Abi;
using MinimalOS.Kernel.Capabilities;
using MinimalOS.Kernel.Objects;
using MinimalOS.Kernel.Threads;

namespace MinimalOS.Kernel.Ipc
{
    public static unsafe class MessageTransfer
    {
        /// <summary>
        /// Delivers the message <paramref name="sender"/> left in its registers to <paramref name="receiver"/>'s
        /// registers, with <paramref name="badge"/> in place of the capability.
        /// </summary>
        public static void Deliver(ThreadControl* sender, ThreadControl* receiver, ulong badge, bool canGrant, bool fromCall)
        {
            if (sender->IpcIsFault)
            {
                FaultDelivery.Compose(sender, receiver);
                return;
            }
            UserContext.ReadMessage(sender->StackTop, out MessageRegisters message);
            var info = new MessageInfo(message.Info);
            int length = info.Length;
            int caps = 0;
            if (length > IpcBuffer.RegisterWords || info.CapCount > 0)
            {
                ulong* from = BufferOf(sender);
                ulong* to = BufferOf(receiver);
                if (from == null || to == null)
                {
                    length = length < IpcBuffer.RegisterWords ? length : IpcBuffer.RegisterWords;
                }
                else
                {
                    for (int i = IpcBuffer.RegisterWords; i < length; i++)
                        to[i] = from[i];
                    if (canGrant)
                        caps = TransferCapabilities(sender, from, receiver, to, info.CapCount);
                }
            }
            message.CapabilityOrBadge = badge;
            message.Info = MessageInfo.Received(info.Label, length, caps, fromCall).Word;
            UserContext.WriteMessage(receiver->StackTop, in message);
        }

        /// <summary>The kernel's view of the thread's IPC buffer, or null when it has none.</summary>
        public static ulong* BufferOf(ThreadControl* thread) =>
            thread->IpcBuffer.IsEmpty ? null : (ulong*)KernelObjects.DirectMap.ToPointer(thread->IpcBuffer.PhysicalBase);

        private static int TransferCapabilities(ThreadControl* sender, ulong* from, ThreadControl* receiver, ulong* to, int count)
        {
            ulong* sent = from + IpcBuffer.SendCapsOffset / 8;
            ulong* slots = to + IpcBuffer.ReceiveSlotsOffset / 8;
            for (int i = 0; i < count; i++)
            {
                if (slots[i] == 0
                    || CapabilitySpace.Resolve(&sender->CNode, CapSlot.FromRegister(sent[i]), out CapabilitySlot* source) != SyscallError.None
                    || CapabilitySpace.Resolve(&receiver->CNode, CapSlot.FromRegister(slots[i]), out CapabilitySlot* destination) != SyscallError.None
                    || source->IsEmpty || !destination->IsEmpty
                    || CapabilityOperations.Copy(source, destination, CapRights.All) != SyscallError.None)
                    return i;
            }
            return count;
        }
    }
}
