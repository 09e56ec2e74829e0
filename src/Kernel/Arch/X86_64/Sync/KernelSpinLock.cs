// Binds the name portable code uses for the kernel's IRQ-safe spinlock (KernelSpinLock: Processor,
// ThreadRecycler, WaitQueue) to the x86_64 ticket lock, at compile time: no interface call on the
// scheduler's paths. tests/Host binds the same name to its own lock. Declares nothing else.
global using KernelSpinLock = MinimalOS.Kernel.Arch.X86_64.Sync.SpinLock;
