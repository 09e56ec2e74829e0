// What the kernel does with CPU exceptions (vectors 0-31). A fault inside a user-memory copy resumes at its
// recovery label (the copy fails with BadAddress); any exception from ring 3 stops only the thread that
// raised it (UserFaults). A kernel breakpoint is logged and execution resumes after the int3; an NMI while
// a panicking CPU stops the others halts this CPU (CpuStop). Everything else is a kernel bug and panics with a report
// built from the trap frame: the exception's name and mnemonic, error code and rip in the message (the
// first line, which the test runner keeps), for #PF also CR2 and the decoded error bits, and a fault on a
// stack's guard page - a #PF, or the #DF the CPU raises when it cannot push the #PF frame on an overflowed
// stack - is called a kernel stack overflow and names the guard page. Panic prints registers and the
// backtrace. Never allocates: it may run on an IST stack with the heap in any state.
using System;
using MinimalOS.Kernel.Diagnostics;
using MinimalOS.Kernel.Interrupts;
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Text;

namespace MinimalOS.Kernel.Arch.X86_64.Interrupts
{
    internal static unsafe class CpuExceptionHandlers
    {
        private const int MessageCapacity = 230;

        private static ulong s_breakpoints;

        /// <summary>How many breakpoints (#BP) were taken and resumed.</summary>
        public static ulong BreakpointCount => s_breakpoints;

        public static void Handle(ref InterruptFrame frame)
        {
            // First, before anything else can fault and overwrite it.
            ulong cr2 = Cpu.ReadCr2();
            int vector = (int)frame.Vector;
            if (vector == CpuException.NonMaskableInterrupt && Smp.CpuStop.IsStopping)
                Smp.CpuStop.HaltThisCpu();
            if ((vector == CpuException.PageFault || vector == CpuException.GeneralProtection) && UserMemory.UserCopy.TryRecover(ref frame))
                return;
            // A user program that single-steps its SYSCALL gets the trap at the entry's first instruction;
            // the user's TF comes back with SYSRET, so the next user instruction traps in ring 3 instead.
            if (vector == CpuException.Debug && (frame.Cs & 3) == 0 && frame.Rip == Syscalls.SyscallEntry.Address)
                return;
            if ((frame.Cs & 3) == 3 && UserFaults.IsUserFault(vector))
            {
                UserFaults.Stop(ref frame, cr2);
                return;
            }
            if (vector == CpuException.Breakpoint)
            {
                s_breakpoints++;
                Log.Info("interrupts", $"breakpoint: resuming at rip 0x{frame.Rip:x}");
                return;
            }
            Span<byte> buffer = stackalloc byte[MessageCapacity];
            var message = new TextWriterSpan(buffer);
            if (!TryDescribeStackOverflow(ref message, in frame, cr2))
                DescribeException(ref message, in frame, cr2);
            CpuRegisters registers = frame.ToCpuRegisters(cr2);
            Panic.Halt(message.Written, in registers);
        }

        private static void DescribeException(ref TextWriterSpan message, in InterruptFrame frame, ulong cr2)
        {
            int vector = (int)frame.Vector;
            AppendName(ref message, vector);
            message.Append(" at rip ");
            message.AppendAddress(frame.Rip);
            if (vector == CpuException.PageFault)
            {
                message.Append(": cr2 ");
                message.AppendAddress(cr2);
                message.Append(" (");
                new PageFaultErrorCode(frame.ErrorCode).AppendDescription(ref message);
                message.Append((byte)')');
            }
            if (CpuException.PushesErrorCode(vector))
            {
                message.Append(", error code 0x");
                message.AppendHex(frame.ErrorCode);
            }
        }

        // An overflow shows up as a #DF (the #PF frame could not be pushed: rsp is at or in a guard page) or,
        // when a large frame skips past rsp, as a #PF whose address is in a guard page.
        private static bool TryDescribeStackOverflow(ref TextWriterSpan message, in InterruptFrame frame, ulong cr2)
        {
            int vector = (int)frame.Vector;
            if (vector != CpuException.DoubleFault && vector != CpuException.PageFault)
                return false;
            ulong guard;
            string stackName;
            int cpu = -1;
            if (IsBootStackGuard(cr2) || IsBootStackGuard(frame.Rsp - 1))
            {
                guard = KernelAddressSpace.BootStackGuard.Value;
                stackName = "the boot stack";
            }
            else if (CpuLocals.TryFindInterruptStackGuard(cr2, out cpu, out int ist) || CpuLocals.TryFindInterruptStackGuard(frame.Rsp - 1, out cpu, out ist))
            {
                guard = CpuLocals.Get(cpu)->InterruptStack(ist).Guard.Value;
                stackName = InterruptStackTable.Name(ist);
            }
            else
            {
                return false;
            }
            message.Append("kernel stack overflow: ");
            AppendName(ref message, vector);
            message.Append(" at rip ");
            message.AppendAddress(frame.Rip);
            message.Append(", rsp ");
            message.AppendAddress(frame.Rsp);
            message.Append(", cr2 ");
            message.AppendAddress(cr2);
            message.Append(" hit the guard page ");
            message.AppendAddress(guard);
            message.Append(" of ");
            message.Append(stackName);
            if (cpu >= 0)
            {
                message.Append(" of CPU ");
                message.AppendDecimal((ulong)cpu);
            }
            return true;
        }

        private static bool IsBootStackGuard(ulong address)
        {
            ulong guard = KernelAddressSpace.BootStackGuard.Value;
            return address >= guard && address < guard + PageSize.Small;
        }

        private static void AppendName(ref TextWriterSpan message, int vector)
        {
            message.Append(CpuException.Name(vector));
            message.Append(" (#");
            message.Append(CpuException.Mnemonic(vector));
            message.Append(')');
        }
    }
}
