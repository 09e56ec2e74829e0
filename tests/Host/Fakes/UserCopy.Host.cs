// The host tests' user-memory copies: "user" addresses are real host addresses (test buffers), and a
// range the test marked inaccessible fails as a fault would in the kernel.
using System;
using MinimalOS.Abi;

namespace MinimalOS.Kernel.UserMemory
{
    public static unsafe partial class UserCopy
    {
        /// <summary>[FaultStart, FaultEnd) behaves like unmapped user memory.</summary>
        public static ulong HostFaultStart, HostFaultEnd;

        public static partial SyscallError FromUser(UserRange source, Span<byte> destination)
        {
            if ((ulong)destination.Length < source.Length)
                return SyscallError.Range;
            if (Faults(source))
                return SyscallError.BadAddress;
            new ReadOnlySpan<byte>((void*)source.Start, (int)source.Length).CopyTo(destination);
            return SyscallError.None;
        }

        public static partial SyscallError ToUser(ReadOnlySpan<byte> source, UserRange destination)
        {
            if ((ulong)source.Length > destination.Length)
                return SyscallError.Range;
            if (Faults(destination))
                return SyscallError.BadAddress;
            source.CopyTo(new Span<byte>((void*)destination.Start, source.Length));
            return SyscallError.None;
        }

        private static bool Faults(UserRange range) => range.Length != 0 && range.Start < HostFaultEnd && range.Start + range.Length > HostFaultStart;
    }
}
