// A range of user memory that a system call was handed, after its bounds were checked: it starts at or
// above UserLayout.Start, ends at or below UserLayout.End and does not wrap. Checked is not accessible:
// the pages may still be unmapped or read-only, which only the copy (UserAccess) finds out, by faulting
// safely. The only way to make one is Check, so holding a UserRange proves the bounds were checked.
using MinimalOS.Abi;

namespace MinimalOS.Kernel.UserMemory
{
    public readonly struct UserRange
    {
        public ulong Start { get; }
        public ulong Length { get; }

        private UserRange(ulong start, ulong length)
        {
            Start = start;
            Length = length;
        }

        /// <summary>The bytes [address, address + length) if they lie inside the user half; an empty range is always valid.</summary>
        public static SyscallError Check(ulong address, ulong length, out UserRange range)
        {
            range = default;
            if (length == 0)
                return SyscallError.None;
            if (address < UserLayout.Start || address >= UserLayout.End || length > UserLayout.End - address)
                return SyscallError.BadAddress;
            range = new UserRange(address, length);
            return SyscallError.None;
        }

        /// <summary>The first <paramref name="length"/> bytes (at most Length).</summary>
        public UserRange Prefix(ulong length) => new UserRange(Start, length < Length ? length : Length);
    }
}
