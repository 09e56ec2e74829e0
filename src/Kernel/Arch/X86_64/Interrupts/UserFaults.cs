// A CPU exception raised by user code: it never panics the kernel. The faulting thread is stopped as
// Faulted, with the vector, error code and fault address recorded; with a fault handler the fault goes to
// it as a message (FaultDelivery) and its answer may resume the thread. Without one the thread parks and
// one line with its registers is logged, at most Burst lines at once and PerSecond after that, so a program
// that faults in a loop cannot flood the log.
using MinimalOS.Kernel.Interrupts;
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.Objects;
using MinimalOS.Kernel.Syscalls;

namespace MinimalOS.Kernel.Arch.X86_64.Interrupts
{
    internal static unsafe class UserFaults
    {
        private const ulong Burst = 32;
        private const ulong PerSecond = 10;

        private static RateLimit s_logLimit = new RateLimit(Burst, PerSecond);

        /// <summary>Exceptions user code causes; NMI, #DF and #MC are the machine's, handled as in the kernel.</summary>
        public static bool IsUserFault(int vector) =>
            vector != CpuException.NonMaskableInterrupt && vector != CpuException.DoubleFault && vector != CpuException.MachineCheck;

        public static void Stop(ref InterruptFrame frame, ulong cr2)
        {
            ulong address = frame.Vector == CpuException.PageFault ? cr2 : 0;
            Cpu.EnableInterrupts();
            // A fault its handler was told about is the handler's business (a pager's faults are routine).
            if (!ThreadObject.StopCurrentForFault(frame.Vector, frame.ErrorCode, address) && s_logLimit.TryTake(TscClock.Nanoseconds()))
                Log.Warn("user", $"thread {Scheduling.Scheduler.Current.Id} stopped: {CpuException.Name((int)frame.Vector)} (#{CpuException.Mnemonic((int)frame.Vector)}) at rip 0x{frame.Rip:x}, error 0x{frame.ErrorCode:x}, cr2 0x{address:x}, rsp 0x{frame.Rsp:x}, rax 0x{frame.Rax:x}, rbx 0x{frame.Rbx:x}, rcx 0x{frame.Rcx:x}, rdx 0x{frame.Rdx:x}, rsi 0x{frame.Rsi:x}, rdi 0x{frame.Rdi:x}, rflags 0x{frame.Rflags:x}");
            ThreadObject.BeforeUserMode();
        }
    }
}
