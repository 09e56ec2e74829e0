// The portable face of a user thread's saved registers: the frame at the top of its kernel stack where
// both the SYSCALL entry and an interrupt from ring 3 leave them (the same layout either way), and the
// first switch to user mode. The kernel implements it over the x86_64 InterruptFrame
// (Arch/X86_64/Syscalls/UserContext.X86_64.cs); host tests supply their own.
using MinimalOS.Abi;

namespace MinimalOS.Kernel.Threads
{
    public static unsafe partial class UserContext
    {
        /// <summary>Bytes the saved frame takes below a user thread's kernel-stack top.</summary>
        public static partial int FrameBytes();

        /// <summary>A fresh frame: every register 0, interrupts on, user code and stack segments.</summary>
        public static partial void Reset(ulong stackTop);

        public static partial void Read(ulong stackTop, out UserRegisters registers);

        /// <summary>Writes the registers; InvalidArgument when Rip or Rsp is not a canonical user address.</summary>
        public static partial SyscallError Write(ulong stackTop, in UserRegisters registers);

        /// <summary>The IPC message registers (rdi, rsi, rdx, r10, r8, r9) of the saved frame.</summary>
        public static partial void ReadMessage(ulong stackTop, out Ipc.MessageRegisters message);

        public static partial void WriteMessage(ulong stackTop, in Ipc.MessageRegisters message);

        /// <summary>r12 and r13 of the saved frame: the reply object and the timeout of a receive.</summary>
        public static partial void ReadReceiveExtras(ulong stackTop, out ulong replyObject, out ulong timeoutNanoseconds);

        /// <summary>Leaves the kernel for the thread's first time in user mode, with the frame's registers. Never returns.</summary>
        public static partial void EnterUserMode(ulong stackTop);

        /// <summary>rax of the saved frame: what a system call answered by a fault handler returns.</summary>
        public static partial void SetReturnValue(ulong stackTop, ulong rax);
    }
}
