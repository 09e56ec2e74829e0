// Isolation: a second process cannot read or write the root task's memory (its threads end Faulted with
// #PF), cannot use a capability it was not given (its empty CNode makes every slot SlotEmpty), and ring-3
// privileged instructions - cli, hlt, in, out, wrmsr, mov cr3 - fault only the thread that runs them
// (#GP), as does a jump into the kernel's text (#PF); after all of them the suite itself still runs.
using MinimalOS.Abi;
using MinimalOS.Tests.User.Framework;
using MinimalOS.Tests.User.Support;
using MinimalOS.User.Runtime;

namespace MinimalOS.Tests.User.Tests
{
    internal static unsafe class IsolationTests
    {
        private const ulong GeneralProtection = 13;
        private const ulong PageFault = 14;

        public static void Register()
        {
            UserTestRunner.Add("Isolation.ChildCannotReadTheRootsMemory", &ChildCannotReadTheRootsMemory);
            UserTestRunner.Add("Isolation.ChildCannotWriteTheRootsMemory", &ChildCannotWriteTheRootsMemory);
            UserTestRunner.Add("Isolation.ChildRunsItsOwnCode", &ChildRunsItsOwnCode);
            UserTestRunner.Add("Isolation.ChildCannotUseCapabilitiesItWasNotGiven", &ChildCannotUseCapabilitiesItWasNotGiven);
            UserTestRunner.Add("Isolation.CliFaults", &CliFaults);
            UserTestRunner.Add("Isolation.HltFaults", &HltFaults);
            UserTestRunner.Add("Isolation.InFaults", &InFaults);
            UserTestRunner.Add("Isolation.OutFaults", &OutFaults);
            UserTestRunner.Add("Isolation.WrmsrFaults", &WrmsrFaults);
            UserTestRunner.Add("Isolation.MovCr3Faults", &MovCr3Faults);
            UserTestRunner.Add("Isolation.JumpToKernelFaults", &JumpToKernelFaults);
            UserTestRunner.Add("Isolation.SuiteSurvivesEveryFault", &SuiteSurvivesEveryFault);
        }

        private static void ChildCannotReadTheRootsMemory()
        {
            ulong secret = TestEnvironment.Region;
            Mapping.MapNewFrame(secret, Mapping.ReadWrite);
            *(ulong*)secret = 0x5EC2E7;
            CapSlot process = Isolation.NewProcess();
            CapSlot thread = TestThreads.Configured(process, ThreadBlobs.Address(ThreadBlob.Read), Isolation.ChildStack, secret);
            TestThreads.ExpectFault(thread, PageFault, "a child thread reading an address mapped only in the root task");
            ulong data;
            fixed (ulong* readable = &s_readable)
                data = (ulong)readable;
            CapSlot own = TestThreads.Configured(process, ThreadBlobs.Address(ThreadBlob.Read), Isolation.ChildStack, data);
            TestThreads.ExpectFault(own, PageFault, "a child thread reading the root task's data");
            Check.Equal(0x5EC2E7, *(ulong*)secret, "the root task's word");
        }

        private static void ChildCannotWriteTheRootsMemory()
        {
            ulong secret = TestEnvironment.Region;
            Mapping.MapNewFrame(secret, Mapping.ReadWrite);
            *(ulong*)secret = 0x5EC2E7;
            CapSlot process = Isolation.NewProcess();
            CapSlot thread = TestThreads.Configured(process, ThreadBlobs.Address(ThreadBlob.Write), Isolation.ChildStack, secret);
            TestThreads.ExpectFault(thread, PageFault, "a child thread writing an address mapped only in the root task");
            Check.Equal(0x5EC2E7, *(ulong*)secret, "the root task's word after the child's attempt");
            CapSlot text = TestThreads.Configured(process, ThreadBlobs.Address(ThreadBlob.Write), Isolation.ChildStack, ThreadBlobs.Page);
            TestThreads.ExpectFault(text, PageFault, "a child thread writing its read+execute blob page");
        }

        private static void ChildRunsItsOwnCode()
        {
            // The control case for the two tests above: the same blob, run in the child on memory it maps, exits normally.
            CapSlot process = Isolation.NewProcess();
            CapSlot thread = TestThreads.Configured(process, ThreadBlobs.Address(ThreadBlob.Read), Isolation.ChildStack, ThreadBlobs.Page);
            TestThreads.ExpectExit(thread, 0, "a child thread reading its own blob page");
        }

        private static void ChildCannotUseCapabilitiesItWasNotGiven()
        {
            CapSlot process = Isolation.NewProcess();
            ulong empty = (ulong)SyscallError.SlotEmpty;
            ulong allEmpty = empty | empty << 8 | empty << 16;
            uint[] slots = { RootSlots.DebugLog, RootSlots.Thread, RootSlots.CNode, RootSlots.FirstDynamic, TestEnvironment.BootInfo.FirstFreeSlot };
            for (int i = 0; i < slots.Length; i++)
            {
                CapSlot slot = CapSlot.At(slots[i], Isolation.ChildCNodeRadix);
                CapSlot thread = TestThreads.Configured(process, ThreadBlobs.Address(ThreadBlob.UseSlot), Isolation.ChildStack, slot.Encoded);
                TestThreads.ExpectExit(thread, allEmpty, "DebugLog, CapRevoke, ThreadSuspend errors (bytes 0-2) of a child naming a root-task slot number");
            }
        }

        private static void CliFaults() => ExpectPrivilegedFault(ThreadBlob.Cli, GeneralProtection, "a ring-3 cli");

        private static void HltFaults() => ExpectPrivilegedFault(ThreadBlob.Hlt, GeneralProtection, "a ring-3 hlt");

        private static void InFaults() => ExpectPrivilegedFault(ThreadBlob.In, GeneralProtection, "a ring-3 in");

        private static void OutFaults() => ExpectPrivilegedFault(ThreadBlob.Out, GeneralProtection, "a ring-3 out");

        private static void WrmsrFaults() => ExpectPrivilegedFault(ThreadBlob.Wrmsr, GeneralProtection, "a ring-3 wrmsr");

        private static void MovCr3Faults() => ExpectPrivilegedFault(ThreadBlob.MovCr3, GeneralProtection, "a ring-3 mov cr3");

        private static void JumpToKernelFaults() => ExpectPrivilegedFault(ThreadBlob.JumpToKernel, PageFault, "a ring-3 jump to the kernel's text");

        private static void SuiteSurvivesEveryFault()
        {
            ThreadBlob[] blobs = { ThreadBlob.Cli, ThreadBlob.Hlt, ThreadBlob.In, ThreadBlob.Out, ThreadBlob.Wrmsr, ThreadBlob.MovCr3, ThreadBlob.JumpToKernel };
            CapSlot first = default;
            for (int i = 0; i < blobs.Length; i++)
            {
                CapSlot thread = TestThreads.Configured(TestEnvironment.Process, ThreadBlobs.Address(blobs[i]), TestEnvironment.Region, 0);
                if (i == 0)
                    first = thread;
                TestThreads.Start(thread);
            }
            Check.State(ThreadRunState.Faulted, TestThreads.WaitStopped(first, out _), "the first of seven faulting threads started together");
            Check.Equal((ulong)ThreadRunState.Running, Objects.DetailOf(TestEnvironment.Thread), "the suite's own thread after them");
            Check.Ok(Syscalls.DebugLog(TestEnvironment.DebugLog, "usertests: still alive after seven ring-3 faults"u8), "DebugLog after the faults");
        }

        private static void ExpectPrivilegedFault(ThreadBlob blob, ulong vector, string what)
        {
            CapSlot thread = TestThreads.Configured(TestEnvironment.Process, ThreadBlobs.Address(blob), TestEnvironment.Region, 0);
            TestThreads.ExpectFault(thread, vector, what);
            Check.Ok(Syscalls.ThreadReadRegisters(thread, out UserRegisters registers, out _, out _), "ThreadReadRegisters of the faulted thread");
            Check.True(registers.Rip >= ThreadBlobs.Page && registers.Rip < ThreadBlobs.Page + 4096 || vector == PageFault, "the faulted thread's rip is at its blob");
            Check.Equal((ulong)ThreadRunState.Running, Objects.DetailOf(TestEnvironment.Thread), "the suite's own thread");
        }

        private static ulong s_readable;
    }
}
