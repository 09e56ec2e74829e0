// The C# side of the SYSCALL entry: reads the call number and arguments from the saved user frame (rax;
// rdi, rsi, rdx, r10, r8, r9), runs the call and writes its error to rax and its results to rdx and rsi.
// The other registers come back to user space as they were; a call its fault handler answered (a foreign
// or unknown system call) comes back with the registers exactly as the handler left them. Runs on the calling thread's kernel stack
// with interrupts on; a call may block or switch threads. It never trusts a register: every handler
// validates what it is given.
using System.Runtime;
using System.Runtime.CompilerServices;
using MinimalOS.Abi;
using MinimalOS.Kernel.Arch.X86_64.Interrupts;
using MinimalOS.Kernel.Syscalls;

namespace MinimalOS.Kernel.Arch.X86_64.Syscalls
{
    internal static unsafe class SyscallDispatcher
    {
        [RuntimeExport("syscall_dispatch")]
        private static void Dispatch(InterruptFrame* frame)
        {
            // The frame holds the argument registers in ABI order: the handlers read them where they are.
            SyscallResult result = SystemCalls.Invoke((long)frame->Rax, in Unsafe.AsRef<SyscallArguments>(&frame->Rdi));
            if (result.LeavesRegisters)
                return;
            frame->Rax = (ulong)result.Error;
            frame->Rdx = result.Value0;
            frame->Rsi = result.Value1;
        }
    }
}
