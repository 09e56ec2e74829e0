// Kernel tests of the vector registration API and the per-CPU tables: a registered handler runs with the
// frame of its vector and the interrupted code resumes; exception vectors and taken vectors are refused;
// an unregistered vector is counted and logged as unexpected, not fatal; software cannot raise exception
// vectors whose frames carry an error code; the boot CPU's IST stacks exist,
// have guard pages, and backtraces accept them as stacks (also from a pointer in the guard page).
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Arch.X86_64.Interrupts;
using MinimalOS.Kernel.Diagnostics;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Paging;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class InterruptVectorTests
    {
        private const byte TestVector = 0xE2;
        private const byte UnusedVector = 0xE3;

        private static ulong s_seenVector;
        private static int s_runs;

        public static void Register(KernelTestList tests)
        {
            tests.Add("InterruptVectors.RegisteredHandlerRunsAndResumes", &RegisteredHandlerRunsAndResumes);
            tests.Add("InterruptVectors.RegistrationRefusesExceptionsAndTakenVectors", &RegistrationRefusesExceptionsAndTakenVectors);
            tests.Add("InterruptVectors.UnregisteredVectorIsReportedAndIgnored", &UnregisteredVectorIsReportedAndIgnored);
            tests.Add("InterruptVectors.ErrorCodeExceptionsCannotBeRaisedBySoftware", &ErrorCodeExceptionsCannotBeRaisedBySoftware);
            tests.Add("InterruptVectors.BootCpuHasGuardedInterruptStacks", &BootCpuHasGuardedInterruptStacks);
        }

        private static void RegisteredHandlerRunsAndResumes()
        {
            Expect.True(InterruptVectors.Register(TestVector, &Record), "registered");
            s_runs = 0;
            Expect.True(InterruptVectors.Raise(TestVector), "raised");
            Expect.True(InterruptVectors.Raise(TestVector), "raised again");
            InterruptVectors.Unregister(TestVector);
            Expect.Equal(2, s_runs, "the handler ran for each interrupt");
            Expect.Equal(TestVector, s_seenVector, "the frame carries the vector");
        }

        private static void Record(ref InterruptFrame frame)
        {
            s_runs++;
            s_seenVector = frame.Vector;
        }

        private static void RegistrationRefusesExceptionsAndTakenVectors()
        {
            Expect.False(InterruptVectors.Register(14, &Record), "exception vectors are not assignable");
            Expect.False(InterruptVectors.Register(TestVector, null), "a null handler is refused");
            Expect.True(InterruptVectors.Register(TestVector, &Record), "a free vector is taken");
            Expect.False(InterruptVectors.Register(TestVector, &Record), "a taken vector is refused");
            InterruptVectors.Unregister(TestVector);
            Expect.True(InterruptVectors.Register(TestVector, &Record), "free again after Unregister");
            InterruptVectors.Unregister(TestVector);
        }

        private static void UnregisteredVectorIsReportedAndIgnored()
        {
            ulong before = InterruptVectors.UnexpectedCount;
            Expect.True(InterruptVectors.Raise(UnusedVector), "raised");
            Expect.Equal(before + 1, InterruptVectors.UnexpectedCount, "counted as unexpected, and execution went on");
        }

        private static void ErrorCodeExceptionsCannotBeRaisedBySoftware()
        {
            Expect.False(InterruptVectors.Raise(8), "#DF (error code) is refused");
            Expect.False(InterruptVectors.Raise(14), "#PF (error code) is refused");
        }

        private static void BootCpuHasGuardedInterruptStacks()
        {
            CpuLocal* cpu = CpuLocals.Get(0);
            Expect.True(cpu != null && cpu->Self == cpu, "CPU 0 is set up");
            Expect.True(CpuLocals.Get(CpuLocals.MaxCpus) == null, "indexes past the maximum are refused");
            for (int ist = 1; ist <= InterruptStackTable.StacksPerCpu; ist++)
            {
                KernelStack stack = cpu->InterruptStack(ist);
                Expect.Equal(stack.Top.Value, cpu->Tss.Ist[ist - 1], "the TSS points at the stack's top");
                Expect.True(KernelAddressSpace.Space.Translate(stack.Bottom, out _) == PagingResult.Success, "the stack is mapped");
                Expect.True(KernelAddressSpace.Space.Translate(stack.Guard, out _) == PagingResult.NotMapped, "its guard page is not");
                StackMemory memory = KernelDebugInfo.StackContaining(stack.Top.Value - 64);
                Expect.True(memory.Bottom == stack.Bottom.Value && memory.Top == stack.Top.Value, "backtraces accept the IST stack");
                StackMemory fromGuard = KernelDebugInfo.StackContaining(stack.Guard.Value + 16);
                Expect.True(fromGuard.Bottom == stack.Bottom.Value && fromGuard.Top == stack.Top.Value, "an overflowed pointer still finds its stack");
                Expect.False(fromGuard.TryReadWord(stack.Guard.Value + 16, out _), "but the guard page is never read");
            }
        }
    }
}
