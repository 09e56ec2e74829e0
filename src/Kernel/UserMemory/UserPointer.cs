// A pointer a program passed to the kernel: only an alleged address of a T until Check turns it into a
// UserRange of sizeof(T) bytes. The kernel never dereferences it; UserAccess copies through the range.
using MinimalOS.Abi;

namespace MinimalOS.Kernel.UserMemory
{
    public readonly unsafe struct UserPointer<T> where T : unmanaged
    {
        public ulong Address { get; }

        public UserPointer(ulong address) => Address = address;

        public SyscallError Check(out UserRange range) => UserRange.Check(Address, (ulong)sizeof(T), out range);

        /// <summary>A run of <paramref name="count"/> Ts from this address (count * sizeof(T) must not overflow).</summary>
        public SyscallError CheckArray(ulong count, out UserRange range)
        {
            range = default;
            if (count > ulong.MaxValue / (ulong)sizeof(T))
                return SyscallError.BadAddress;
            return UserRange.Check(Address, count * (ulong)sizeof(T), out range);
        }
    }
}
