// The message a thread's fault handler receives when the thread faults or makes a system call the kernel
// does not take itself (docs/SYSCALLS.md, "Faults"): it
// arrives as a Call (the handler answers through its reply object) with the badge of the thread's
// fault-handler capability, one of these labels and four words. The answer's label decides: Resume lets
// the thread continue with its registers as they are then (ThreadWriteRegisters may have changed them
// while it waited, stopped as Faulted); any other label leaves it stopped as Faulted.
namespace MinimalOS.Abi
{
    public static class FaultMessage
    {
        /// <summary>A CPU exception in user mode: word 0 the vector, 1 the error code, 2 the fault address (CR2, page faults only), 3 rip.</summary>
        public const ulong CpuException = 0xFA01;

        /// <summary>A system call the kernel does not know, from a thread with a fault handler: the words as for ForeignSyscall.</summary>
        public const ulong UnknownSyscall = 0xFA02;

        /// <summary>
        /// Any system call of a thread with the foreign-ABI flag: word 0 rax (the number), 1-6 rdi, rsi, rdx,
        /// r10, r8, r9, 7 rip (words 4-7 only when the handler has an IPC buffer). Resume sets rax to the
        /// answer's word 0 and returns to the thread with every other register as it is then.
        /// </summary>
        public const ulong ForeignSyscall = 0xFA03;

        /// <summary>Words of a CPU-exception message.</summary>
        public const int Words = 4;

        /// <summary>Words of a system-call message.</summary>
        public const int SyscallWords = 8;

        /// <summary>The "vector" ThreadReadRegisters reports for a thread stopped in a system call its handler holds.</summary>
        public const ulong SyscallVector = 0x100;

        /// <summary>The answer's label that resumes the thread.</summary>
        public const ulong Resume = 0;

        /// <summary>Page-fault error code bits (word 1): the access was a write; the page was present (a protection fault); an instruction fetch.</summary>
        public const ulong PageFaultWrite = 1UL << 1;
        public const ulong PageFaultPresent = 1UL << 0;
        public const ulong PageFaultFetch = 1UL << 4;
    }
}
