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

        public static partial void EnterUserMode(ulong stackTop) => throw new System.InvalidOperationException("host tests never enter user mode");

        private static UserRegisters* Frame(ulong stackTop) => (UserRegisters*)(stackTop - (ulong)sizeof(UserRegisters));
    }
}
