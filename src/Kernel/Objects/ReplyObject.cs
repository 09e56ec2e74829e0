// The Reply kernel object (64 bytes of untyped memory), as seL4's MCS kernel has it: a server names one
// in Receive, and a Call it receives binds its caller there until Reply answers through it. A server
// holding several reply objects can keep several callers waiting and answer them in any order (the Linux
// personality must: a read() on an empty pipe waits while others are served) - an implicit one-shot reply
// slot per server thread could not. One caller at a time: answering it, the caller dying or stopping its
// wait unbinds it, so a second reply finds no caller (NoCaller). Destroying the object wakes a bound
// caller with ObjectDestroyed (a server that dies mid-call never leaves its client hanging). All state is
// under the kernel-object lock.
using System.Runtime.InteropServices;
using MinimalOS.Abi;
using MinimalOS.Kernel.Capabilities;
using MinimalOS.Kernel.Ipc;

namespace MinimalOS.Kernel.Objects
{
    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct ReplyState
    {
        public const ulong LiveMagic = 0x5443_454A_424F_5052;   // "RPOBJECT"

        public ulong Magic;
        /// <summary>The caller waiting for the answer, or null.</summary>
        public ThreadControl* Caller;
        /// <summary>The thread blocked in Receive that named this object, or null.</summary>
        public ThreadControl* Receiver;
    }

    internal static unsafe class ReplyObject
    {
        public static ReplyState* Of(CapabilitySlot* capability) => (ReplyState*)capability->ObjectPointer;

        public static void Initialize(CapabilitySlot* capability) => Of(capability)->Magic = ReplyState.LiveMagic;

        /// <summary>A delivered Call: <paramref name="caller"/> waits on <paramref name="reply"/> for its answer.</summary>
        public static void Bind(ReplyState* reply, ThreadControl* caller)
        {
            reply->Caller = caller;
            caller->IpcReply = reply;
            caller->IpcState = IpcWait.AwaitingReply;
        }

        /// <summary>The bound caller, unbound (it is being answered or is giving up), or null when none is bound.</summary>
        public static ThreadControl* TakeCaller(ReplyState* reply)
        {
            ThreadControl* caller = reply->Caller;
            if (caller != null)
            {
                reply->Caller = null;
                caller->IpcReply = null;
            }
            return caller;
        }

        /// <summary>The last capability is gone: a bound caller wakes with ObjectDestroyed, a receiver forgets it.</summary>
        public static void Destroy(CapabilitySlot* capability)
        {
            ReplyState* reply = Of(capability);
            ThreadControl* caller = TakeCaller(reply);
            if (caller != null)
                IpcCompletion.Fail(caller, SyscallError.ObjectDestroyed);
            if (reply->Receiver != null)
            {
                reply->Receiver->IpcReply = null;
                reply->Receiver = null;
            }
            reply->Magic = 0;
        }
    }
}
