// The host tests' user register frame: a UserRegisters kept just below the given "stack top" (a test
// buffer), with the same canonical-address checks as the kernel's.
using MinimalOS.Abi;
using MinimalOS.Kernel.UserMemory;

namespace MinimalOS.Kernel.Threads
{
    public static unsafe partial class UserContext
    {
        public static partial int FrameBytes() => sizeof(UserRegisters);

        public static partial void Reset(ulong stackTop) => *Frame(stackTop) = new UserRegisters { Rflags = 0x202 };

        public static partial void Read(ulong stackTop, out UserRegisters registers) => registers = *Frame(stackTop);

        public static partial SyscallError Write(ulong stackTop, in UserRegisters registers)
        {
            if (registers.Rip >= UserLayout.End || registers.Rsp > UserLayout.End)
                return SyscallError.InvalidArgument;
            *Frame(stackTop) = registers;
            return SyscallError.None;
        }

        public static partial void SetReturnValue(ulong stackTop, ulong rax) => Frame(stackTop)->Rax = rax;

        public static partial void ReadMessage(ulong stackTop, out Ipc.MessageRegisters message)
        {
            UserRegisters* frame = Frame(stackTop);
            message = new Ipc.MessageRegisters { CapabilityOrBadge = frame->Rdi, Info = frame->Rsi, Word0 = frame->Rdx, Word1 = frame->R10, Word2 = frame->R8, Word3 = frame->R9 };
        }

        public static partial void WriteMessage(ulong stackTop, in Ipc.MessageRegisters message)
        {
            UserRegisters* frame = Frame(stackTop);
            frame->Rdi = message.CapabilityOrBadge;
            frame->Rsi = message.Info;
            frame->Rdx = message.Word0;
            frame->R10 = message.Word1;
            frame->R8 = message.Word2;
            frame->R9 = message.Word3;
        }

        public static partial void ReadReceiveExtras(ulong stackTop, out ulong replyObject, out ulong timeoutNanoseconds)
        {
            replyObject = Frame(stackTop)->R12;
            timeoutNanoseconds = Frame(stackTop)->R13;
        }

        public static partial void EnterUserMode(ulong stackTop) => throw new System.InvalidOperationException("host tests never enter user mode");

        private static UserRegisters* Frame(ulong stackTop) => (UserRegisters*)(stackTop - (ulong)sizeof(UserRegisters));
    }
}
