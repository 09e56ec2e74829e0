// The portable face of user-memory access: system-call handlers copy through checked UserRanges with
// these, and never touch a user address themselves. The kernel's implementation (Arch/X86_64/Syscalls/
// UserAccess.cs) copies with SMAP lifted and turns a fault into BadAddress; the host tests supply their own.
using System;
using MinimalOS.Abi;

namespace MinimalOS.Kernel.UserMemory
{
    public static unsafe partial class UserCopy
    {
        /// <summary>Copies all of <paramref name="source"/> into the start of <paramref name="destination"/> (Range if it does not fit).</summary>
        public static partial SyscallError FromUser(UserRange source, Span<byte> destination);

        /// <summary>Copies all of <paramref name="source"/> to the start of <paramref name="destination"/> (Range if it does not fit).</summary>
        public static partial SyscallError ToUser(ReadOnlySpan<byte> source, UserRange destination);

        public static SyscallError Read<T>(UserPointer<T> source, out T value) where T : unmanaged
        {
            value = default;
            SyscallError error = source.Check(out UserRange range);
            if (error != SyscallError.None)
                return error;
            fixed (T* target = &value)
                return FromUser(range, new Span<byte>(target, sizeof(T)));
        }

        public static SyscallError Write<T>(UserPointer<T> destination, in T value) where T : unmanaged
        {
            SyscallError error = destination.Check(out UserRange range);
            if (error != SyscallError.None)
                return error;
            fixed (T* source = &value)
                return ToUser(new ReadOnlySpan<byte>(source, sizeof(T)), range);
        }
    }
}
