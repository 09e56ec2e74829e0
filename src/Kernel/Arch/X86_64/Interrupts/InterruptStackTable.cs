// Which exceptions run on their own stacks (IST slots in each CPU's TSS) and how big those stacks are.
// #DF must: a kernel stack overflow faults on the guard page, the CPU cannot push the #PF frame on the
// overflowed stack and raises #DF, which only works if #DF switches to a good stack. NMI, #MC and #DB can
// arrive at any instruction, including the first one of the SYSCALL entry, which still runs on the user's
// stack (a #DB trap after a SYSCALL single-stepped by user code arrives exactly there). A #DB from ring 3
// leaves its stack at once for the thread's kernel stack (interrupt_entry.asm), since its handler may block. #PF deliberately
// stays on the current stack: a fault inside a #PF handler then nests instead of overwriting its own frame.
namespace MinimalOS.Kernel.Arch.X86_64.Interrupts
{
    internal static class InterruptStackTable
    {
        public const int DoubleFault = 1;
        public const int NonMaskableInterrupt = 2;
        public const int MachineCheck = 3;
        public const int Debug = 4;
        public const int StacksPerCpu = 4;

        /// <summary>16 KiB each: enough for the panic report (registers, symbolized backtrace) on top of a frame.</summary>
        public const int StackPages = 4;

        public static string Name(int ist) => ist switch
        {
            DoubleFault => "double-fault stack",
            NonMaskableInterrupt => "NMI stack",
            MachineCheck => "machine-check stack",
            Debug => "debug-exception stack",
            _ => "interrupt stack",
        };
    }
}
