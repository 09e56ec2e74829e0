// One generated system call: its number and its six argument words, exactly as they go into rax and
// rdi, rsi, rdx, r10, r8, r9.
namespace MinimalOS.Tests.User.Fuzzer
{
    internal struct FuzzCall
    {
        public long Number;
        public ulong A0, A1, A2, A3, A4, A5;

        public ulong Argument(int index) => index switch
        {
            0 => A0,
            1 => A1,
            2 => A2,
            3 => A3,
            4 => A4,
            _ => A5,
        };
    }
}
