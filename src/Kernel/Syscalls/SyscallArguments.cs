// The six argument registers of a system call as the program left them: plain untrusted words. Handlers
// turn them into typed values (CapSlot, UserPointer, rights, sizes) and check each one.
namespace MinimalOS.Kernel.Syscalls
{
    public readonly struct SyscallArguments
    {
        public ulong A0 { get; }
        public ulong A1 { get; }
        public ulong A2 { get; }
        public ulong A3 { get; }
        public ulong A4 { get; }
        public ulong A5 { get; }

        public SyscallArguments(ulong a0, ulong a1, ulong a2, ulong a3, ulong a4, ulong a5)
        {
            A0 = a0;
            A1 = a1;
            A2 = a2;
            A3 = a3;
            A4 = a4;
            A5 = a5;
        }
    }
}
