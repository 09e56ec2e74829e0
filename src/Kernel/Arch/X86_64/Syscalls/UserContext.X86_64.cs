// A user thread's saved registers are an InterruptFrame just below its kernel-stack top (the SYSCALL entry
// builds one exactly like an interrupt from ring 3); entering user mode the first time goes through the
// same return path as every system call (Native/syscall_entry.asm).
using System.Runtime;
using System.Runtime.CompilerServices;
using MinimalOS.Abi;
using MinimalOS.Kernel.Arch.X86_64.Interrupts;
using MinimalOS.Kernel.UserMemory;

namespace MinimalOS.Kernel.Threads
{
    public static unsafe partial class UserContext
    {
        private const ulong UserCode = SegmentSelectors.UserCode64 | 3;
        private const ulong UserData = SegmentSelectors.UserData | 3;
        private const ulong InterruptsOn = 0x202;

        [RuntimeImport("*", "user_enter_first")][MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void EnterFirst(InterruptFrame* frame);

        private static InterruptFrame* Frame(ulong stackTop) => (InterruptFrame*)(stackTop - (ulong)sizeof(InterruptFrame));

        public static partial int FrameBytes() => sizeof(InterruptFrame);

        public static partial void ReadMessage(ulong stackTop, out Ipc.MessageRegisters message)
        {
            InterruptFrame* frame = Frame(stackTop);
            message.CapabilityOrBadge = frame->Rdi;
            message.Info = frame->Rsi;
            message.Word0 = frame->Rdx;
            message.Word1 = frame->R10;
            message.Word2 = frame->R8;
            message.Word3 = frame->R9;
        }

        public static partial void WriteMessage(ulong stackTop, in Ipc.MessageRegisters message)
        {
            InterruptFrame* frame = Frame(stackTop);
            frame->Rdi = message.CapabilityOrBadge;
            frame->Rsi = message.Info;
            frame->Rdx = message.Word0;
            frame->R10 = message.Word1;
            frame->R8 = message.Word2;
            frame->R9 = message.Word3;
        }

        public static partial void SetReturnValue(ulong stackTop, ulong rax) => Frame(stackTop)->Rax = rax;

        public static partial void ReadReceiveExtras(ulong stackTop, out ulong replyObject, out ulong timeoutNanoseconds)
        {
            InterruptFrame* frame = Frame(stackTop);
            replyObject = frame->R12;
            timeoutNanoseconds = frame->R13;
        }

        public static partial void Reset(ulong stackTop)
        {
            InterruptFrame* frame = Frame(stackTop);
            *frame = default;
            frame->Cs = UserCode;
            frame->Ss = UserData;
            frame->Rflags = InterruptsOn;
        }

        public static partial void Read(ulong stackTop, out UserRegisters registers)
        {
            InterruptFrame* frame = Frame(stackTop);
            registers = new UserRegisters
            {
                Rip = frame->Rip, Rsp = frame->Rsp, Rflags = frame->Rflags,
                Rax = frame->Rax, Rbx = frame->Rbx, Rcx = frame->Rcx, Rdx = frame->Rdx,
                Rsi = frame->Rsi, Rdi = frame->Rdi, Rbp = frame->Rbp,
                R8 = frame->R8, R9 = frame->R9, R10 = frame->R10, R11 = frame->R11,
                R12 = frame->R12, R13 = frame->R13, R14 = frame->R14, R15 = frame->R15,
            };
        }

        public static partial SyscallError Write(ulong stackTop, in UserRegisters registers)
        {
            if (registers.Rip >= UserLayout.End || registers.Rsp > UserLayout.End)
                return SyscallError.InvalidArgument;
            InterruptFrame* frame = Frame(stackTop);
            frame->Rip = registers.Rip;
            frame->Rsp = registers.Rsp;
            frame->Rflags = registers.Rflags;
            frame->Rax = registers.Rax;
            frame->Rbx = registers.Rbx;
            frame->Rcx = registers.Rcx;
            frame->Rdx = registers.Rdx;
            frame->Rsi = registers.Rsi;
            frame->Rdi = registers.Rdi;
            frame->Rbp = registers.Rbp;
            frame->R8 = registers.R8;
            frame->R9 = registers.R9;
            frame->R10 = registers.R10;
            frame->R11 = registers.R11;
            frame->R12 = registers.R12;
            frame->R13 = registers.R13;
            frame->R14 = registers.R14;
            frame->R15 = registers.R15;
            frame->Cs = UserCode;
            frame->Ss = UserData;
            return SyscallError.None;
        }

        public static partial void EnterUserMode(ulong stackTop) => EnterFirst(Frame(stackTop));
    }
}
