// Turns on SYSCALL/SYSRET for the calling CPU: EFER.SCE, the segment bases in STAR (SYSCALL loads CS 0x08 /
// SS 0x10; SYSRET loads CS 0x28|3 / SS 0x20|3 from the 0x18 base, SegmentSelectors' layout), the entry
// point in LSTAR (Native/syscall_entry.asm) and the RFLAGS bits cleared on entry in FMASK: IF (the entry
// switches stacks before it allows interrupts), DF and AC (the kernel's code expects both clear, and AC
// would lift SMAP), TF (no single-step trap on the entry's first instructions), NT and IOPL. Runs once on
// every CPU from ProcessorTables, after its GDT is loaded.
using System.Runtime;
using System.Runtime.CompilerServices;
using MinimalOS.Kernel.Arch.X86_64.Interrupts;

namespace MinimalOS.Kernel.Arch.X86_64.Syscalls
{
    internal static unsafe class SyscallEntry
    {
        private const uint StarMsr = 0xC000_0081;
        private const uint LstarMsr = 0xC000_0082;
        private const uint FmaskMsr = 0xC000_0084;
        private const ulong EferSyscallEnable = 1UL << 0;
        private const ulong MaskedFlags = (1UL << 8) | (1UL << 9) | (1UL << 10) | (3UL << 12) | (1UL << 14) | (1UL << 18);

        [RuntimeImport("*", "syscall_entry_address")][MethodImpl(MethodImplOptions.InternalCall)]
        private static extern ulong EntryAddress();

        /// <summary>The first instruction of the SYSCALL entry (where a single-stepped SYSCALL's #DB arrives).</summary>
        public static ulong Address => EntryAddress();

        public static void InitializeThisCpu()
        {
            Cpu.WriteMsr(PagingProtections.EferMsr, Cpu.ReadMsr(PagingProtections.EferMsr) | EferSyscallEnable);
            ulong star = ((ulong)SegmentSelectors.UserCode32 << 48) | ((ulong)SegmentSelectors.KernelCode << 32);
            Cpu.WriteMsr(StarMsr, star);
            Cpu.WriteMsr(LstarMsr, EntryAddress());
            Cpu.WriteMsr(FmaskMsr, MaskedFlags);
        }
    }
}
