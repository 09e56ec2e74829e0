// What x86_64 does for the scheduler at every switch, right before the registers change: the next thread's
// kernel-entry stack (TSS.RSP0 for interrupts from ring 3, CpuLocal.KernelStackTop for SYSCALL) when it is
// a user thread, and its address space - or the kernel's for a kernel thread. Runs with interrupts off and
// the CPU's scheduler lock held: it must neither block nor take a lock.
using MinimalOS.Kernel.Objects;
using MinimalOS.Kernel.Scheduling;
using MinimalOS.Kernel.Threads;

namespace MinimalOS.Kernel.Arch.X86_64.Interrupts
{
    internal static unsafe class ThreadSwitchHook
    {
        public static void Install()
        {
            Scheduler.SetSwitchHook(&OnSwitch);
            Scheduler.SetObjectThreadLeftHook(&ThreadObject.OnLeftCpu);
        }

        private static void OnSwitch(Thread next)
        {
            if (next.UserFrameTop != 0)
            {
                CpuLocal* local = ThisCpu.Local;
                local->KernelStackTop = next.UserFrameTop;
                local->Tss.Rsp0 = next.UserFrameTop;
            }
            if (next.UserSpace != 0)
            {
                var space = (AddressSpaceControl*)next.UserSpace;
                UserSpaceSwitch.Load(&space->Tlb, space->Root);
            }
            else
            {
                UserSpaceSwitch.LoadKernel();
            }
        }
    }
}
