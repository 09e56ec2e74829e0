// The kernel's only way into user memory: UserCopy's copies, done by Native/user_copy.asm with SMAP lifted
// for that copy alone. A page that is unmapped or not accessible as asked faults inside the copy; the
// exception handler asks TryRecover, which finds the faulting instruction in the linker's
// .user_fault_table and resumes at its recovery label, so the call returns BadAddress instead of
// panicking. Nothing else may dereference a user address: SMAP makes any other access a kernel panic.
using System;
using System.Runtime;
using System.Runtime.CompilerServices;
using MinimalOS.Abi;
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Arch.X86_64.Interrupts;

namespace MinimalOS.Kernel.UserMemory
{
    public static unsafe partial class UserCopy
    {
        [RuntimeImport("*", "user_copy")][MethodImpl(MethodImplOptions.InternalCall)]
        private static extern int Copy(void* destination, void* source, ulong bytes);
        [RuntimeImport("*", "user_access_enable_smap")][MethodImpl(MethodImplOptions.InternalCall)]
        private static extern void EnableSmapInAssembly();

        private static ulong s_recoveries;

        /// <summary>How many faults inside user copies were turned into errors.</summary>
        public static ulong RecoveredFaults => s_recoveries;

        /// <summary>Once CR4.SMAP is on: from now on copies bracket themselves with STAC/CLAC.</summary>
        internal static void EnableSmap() => EnableSmapInAssembly();

        public static partial SyscallError FromUser(UserRange source, Span<byte> destination)
        {
            if ((ulong)destination.Length < source.Length)
                return SyscallError.Range;
            if (source.Length == 0)
                return SyscallError.None;
            fixed (byte* target = destination)
                return Copy(target, (void*)source.Start, source.Length) == 0 ? SyscallError.None : SyscallError.BadAddress;
        }

        public static partial SyscallError ToUser(ReadOnlySpan<byte> source, UserRange destination)
        {
            if ((ulong)source.Length > destination.Length)
                return SyscallError.Range;
            if (source.Length == 0)
                return SyscallError.None;
            fixed (byte* from = source)
                return Copy((void*)destination.Start, from, (ulong)source.Length) == 0 ? SyscallError.None : SyscallError.BadAddress;
        }

        /// <summary>A kernel-mode #PF or #GP at an instruction of the user copies: resume at its recovery label.</summary>
        internal static bool TryRecover(ref InterruptFrame frame)
        {
            if ((frame.Cs & 3) != 0)
                return false;
            KernelImageLayout* layout = KernelImageLayout.Current;
            for (ulong* entry = (ulong*)layout->UserFaultTableStart; entry < (ulong*)layout->UserFaultTableEnd; entry += 2)
            {
                if (entry[0] != frame.Rip)
                    continue;
                frame.Rip = entry[1];
                s_recoveries++;
                return true;
            }
            return false;
        }
    }
}
