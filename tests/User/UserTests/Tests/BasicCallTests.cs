// DebugLog, ClockMonotonic, Yield, unknown call numbers and the boot-info page: success paths and every
// error docs/SYSCALLS.md names for them (DebugLog's Range, BadAddress with each kind of bad pointer,
// RateLimited, and the capability errors of its A0).
using MinimalOS.Abi;
using MinimalOS.Tests.User.Framework;
using MinimalOS.Tests.User.Support;
using MinimalOS.User.Runtime;

namespace MinimalOS.Tests.User.Tests
{
    internal static unsafe class BasicCallTests
    {
        public static void Register()
        {
            UserTestRunner.Add("Boot.InfoPageDescribesTheRootCNode", &InfoPageDescribesTheRootCNode);
            UserTestRunner.Add("Boot.FreeSlotsAreEmpty", &FreeSlotsAreEmpty);
            UserTestRunner.Add("DebugLog.WritesALine", &DebugLogWritesALine);
            UserTestRunner.Add("DebugLog.RefusesMoreThan256Bytes", &DebugLogRefusesMoreThan256Bytes);
            UserTestRunner.Add("DebugLog.RefusesBadPointers", &DebugLogRefusesBadPointers);
            UserTestRunner.Add("DebugLog.NeedsItsCapabilityWithWrite", &DebugLogNeedsItsCapabilityWithWrite);
            UserTestRunner.Add("Clock.IsMonotonic", &ClockIsMonotonic);
            UserTestRunner.Add("Yield.Succeeds", &YieldSucceeds);
            UserTestRunner.Add("Syscall.UnknownNumbers", &UnknownNumbers);
            UserTestRunner.Add("Syscall.PreservesWhatTheAbiPromises", &PreservesWhatTheAbiPromises);
            UserTestRunner.Add("Syscall.FailuresReturnZeroResults", &FailuresReturnZeroResults);
        }

        private static void InfoPageDescribesTheRootCNode()
        {
            BootInfo info = TestEnvironment.BootInfo;
            Check.Equal(RootCNode.DocumentedRadix, (ulong)info.RootCNode.Radix, "boot info: root CNode radix");
            Check.Equal(RootSlots.FirstDynamic, info.FirstUntypedSlot, "boot info: first untyped slot");
            Check.True(info.UntypedCount >= 1, "boot info: at least one untyped region");
            Check.True(info.FirstFreeSlot >= info.ImageSlotEnd && info.FreeSlotEnd == 4096, "boot info: free slots after the image, up to 4095");
            Check.Equal((ulong)ObjectType.CNode, (ulong)Objects.TypeOf(TestEnvironment.CNode), "slot 1 (CNode)");
            Check.Equal((ulong)ObjectType.AddressSpace, (ulong)Objects.TypeOf(TestEnvironment.AddressSpace), "slot 2 (AddressSpace)");
            Check.Equal((ulong)ObjectType.Thread, (ulong)Objects.TypeOf(TestEnvironment.Thread), "slot 3 (Thread)");
            Check.Equal((ulong)ObjectType.Process, (ulong)Objects.TypeOf(TestEnvironment.Process), "slot 4 (Process)");
            Check.Equal((ulong)ObjectType.Frame, (ulong)Objects.TypeOf(TestEnvironment.BootInfoFrame), "slot 5 (boot-info frame)");
            Check.Equal((ulong)info.Page, Objects.DetailOf(TestEnvironment.BootInfoFrame), "boot-info frame's mapped address (CapIdentify result 1)");
            Check.Equal((ulong)ObjectType.DebugLog, (ulong)Objects.TypeOf(TestEnvironment.DebugLog), "slot 6 (DebugLog)");
            Check.Equal((ulong)ObjectType.IrqControl, (ulong)Objects.TypeOf(TestEnvironment.Root.Slot(RootSlots.IrqControl)), "slot 7 (IrqControl)");
            Check.Equal((ulong)ObjectType.IoPortControl, (ulong)Objects.TypeOf(TestEnvironment.Root.Slot(RootSlots.IoPortControl)), "slot 8 (IoPortControl)");
            Check.Equal((ulong)ObjectType.Untyped, (ulong)Objects.TypeOf(TestEnvironment.Root.Slot(info.UntypedSlot(0))), "first untyped slot");
            Check.Equal((ulong)ThreadRunState.Running, Objects.DetailOf(TestEnvironment.Thread), "the root thread's state (CapIdentify result 1)");
        }

        private static void FreeSlotsAreEmpty()
        {
            BootInfo info = TestEnvironment.BootInfo;
            for (uint index = info.FirstFreeSlot; index < info.FreeSlotEnd; index++)
            {
                if (index == TestEnvironment.TestUntypedIndex)
                    continue;
                Syscalls.CapIdentify(TestEnvironment.Root.Slot(index), out ulong shape, out _);
                if (shape != 0)
                {
                    ref ReportText text = ref UserTestRunner.BeginFailure("boot info: free slot");
                    text.AppendDecimal(index);
                    text.Append(" (FirstFreeSlot ");
                    text.AppendDecimal(info.FirstFreeSlot);
                    text.Append(") holds object type ");
                    text.AppendDecimal(shape & 0xFF);
                    UserTestRunner.AbandonTest();
                }
            }
        }

        private static void DebugLogWritesALine()
        {
            Check.Ok(Syscalls.DebugLog(TestEnvironment.DebugLog, "usertests: a line through DebugLog"u8), "DebugLog");
            byte* full = stackalloc byte[256];
            for (int i = 0; i < 256; i++)
                full[i] = (byte)'x';
            Check.Ok(Syscalls.DebugLog(TestEnvironment.DebugLog, (ulong)full, 256), "DebugLog of exactly 256 bytes");
        }

        private static void DebugLogRefusesMoreThan256Bytes()
        {
            byte* text = stackalloc byte[257];
            for (int i = 0; i < 257; i++)
                text[i] = (byte)'y';
            Check.Error(SyscallError.Range, Syscalls.DebugLog(TestEnvironment.DebugLog, (ulong)text, 257), "DebugLog of 257 bytes");
        }

        private static void DebugLogRefusesBadPointers()
        {
            CapSlot log = TestEnvironment.DebugLog;
            Check.Error(SyscallError.BadAddress, Syscalls.DebugLog(log, 0, 8), "DebugLog(null, 8)");
            Check.Error(SyscallError.BadAddress, Syscalls.DebugLog(log, 0x800, 8), "DebugLog(0x800 in page 0, 8)");
            Check.Error(SyscallError.BadAddress, Syscalls.DebugLog(log, BadPointers.KernelHalf, 8), "DebugLog(kernel half, 8)");
            Check.Error(SyscallError.BadAddress, Syscalls.DebugLog(log, BadPointers.NonCanonicalLow, 8), "DebugLog(0x0000800000000000, 8)");
            Check.Error(SyscallError.BadAddress, Syscalls.DebugLog(log, BadPointers.NonCanonicalMixed, 8), "DebugLog(0x1234567812345678, 8)");
            Check.Error(SyscallError.BadAddress, Syscalls.DebugLog(log, BadPointers.Unmapped, 8), "DebugLog(unmapped user address, 8)");
            Check.Error(SyscallError.BadAddress, Syscalls.DebugLog(log, BadPointers.StraddlingEnd, 16), "DebugLog(0x00007FFFFFFFEFF8, 16)");
            Check.Error(SyscallError.BadAddress, Syscalls.DebugLog(log, TestEnvironment.BootInfo.StackTop - TestEnvironment.BootInfo.StackBytes - 8, 16), "DebugLog(range running from unmapped memory into the stack)");
        }

        private static void DebugLogNeedsItsCapabilityWithWrite()
        {
            CapSlot readOnly = Objects.Copy(TestEnvironment.DebugLog, CapRights.Read);
            Check.Error(SyscallError.InsufficientRights, Syscalls.DebugLog(readOnly, "x"u8), "DebugLog through a copy without Write");
            CapSlot writable = Objects.Copy(TestEnvironment.DebugLog, CapRights.Write);
            Check.Ok(Syscalls.DebugLog(writable, "usertests: through a Write-only copy"u8), "DebugLog through a Write-only copy");
            Check.Error(SyscallError.WrongType, Syscalls.DebugLog(TestEnvironment.Thread, "x"u8), "DebugLog through a thread capability");
            Check.Error(SyscallError.SlotEmpty, Syscalls.DebugLog(TestEnvironment.Root.Slot(0), "x"u8), "DebugLog through empty slot 0");
            Check.Error(SyscallError.InvalidCapability, Syscalls.DebugLog(CapSlot.FromRegister(RootSlots.DebugLog), "x"u8), "DebugLog through a depth-0 slot");
            Check.Ok(Syscalls.CapRevoke(TestEnvironment.DebugLog), "CapRevoke(DebugLog) removes the copies");
            Check.Error(SyscallError.SlotEmpty, Syscalls.DebugLog(writable, "x"u8), "DebugLog through a revoked copy");
        }

        private static void ClockIsMonotonic()
        {
            Check.Ok(Syscalls.ClockMonotonic(out ulong first), "ClockMonotonic");
            Check.True(first > 0, "ClockMonotonic: nanoseconds since boot are positive");
            ulong previous = first;
            for (int i = 0; i < 1000; i++)
            {
                Check.Ok(Syscalls.ClockMonotonic(out ulong now), "ClockMonotonic");
                Check.True(now >= previous, "ClockMonotonic never goes back");
                previous = now;
            }
            Check.True(previous > first, "ClockMonotonic advanced over 1,000 calls");
        }

        private static void YieldSucceeds()
        {
            for (int i = 0; i < 100; i++)
                Check.Ok(Syscalls.Yield(), "Yield");
        }

        private static void PreservesWhatTheAbiPromises()
        {
            // Bits: 0 rax (Yield's None), 1-10 rbx rbp rdi r8 r9 r10 r12 r13 r14 r15, 11 DF, 12 xmm0 zeroed, 13 MXCSR.
            CapSlot thread = TestThreads.InRoot(ThreadBlobs.Address(ThreadBlob.Preserves), 0);
            TestThreads.ExpectExit(thread, 0, "registers, DF, xmm0 and MXCSR across Yield (exit code: a bit per broken promise)");
        }

        private static void FailuresReturnZeroResults()
        {
            ExpectZeroResults(Syscalls.Raw((long)Syscall.CapIdentify, 57UL << 56), SyscallError.InvalidCapability, "CapIdentify(depth 57)");
            ExpectZeroResults(Syscalls.Raw((long)Syscall.PageTableMap, TestEnvironment.Thread.Encoded, TestEnvironment.AddressSpace.Encoded, TestEnvironment.Region), SyscallError.WrongType, "PageTableMap of a thread");
            ExpectZeroResults(Syscalls.Raw((long)Syscall.FrameMap, TestEnvironment.BootInfoFrame.Encoded, TestEnvironment.AddressSpace.Encoded, TestEnvironment.Region, 1, 0), SyscallError.AlreadyMapped, "FrameMap of the mapped boot-info frame");
            ExpectZeroResults(Syscalls.Raw((long)Syscall.ThreadReadRegisters, TestEnvironment.Root.Slot(0).Encoded, 0x1000), SyscallError.SlotEmpty, "ThreadReadRegisters of empty slot 0");
            ExpectZeroResults(Syscalls.Raw((long)Syscall.ThreadReadRegisters, TestEnvironment.Thread.Encoded, (ulong)TestEnvironment.BootInfo.Page), SyscallError.InvalidState, "ThreadReadRegisters of the running root thread");
        }

        private static void ExpectZeroResults(SyscallResult result, SyscallError expected, string what)
        {
            Check.Error(expected, result.Error, what);
            Check.Equal(0, result.First, "result 0 after a failure");
            Check.Equal(0, result.Second, "result 1 after a failure");
        }

        private static void UnknownNumbers()
        {
            long[] numbers = { 34, 35, 255, 0x1_0000, -1, long.MinValue };
            for (int i = 0; i < numbers.Length; i++)
            {
                SyscallResult result = Syscalls.Raw(numbers[i], 1, 2, 3, 4, 5, 6);
                Check.Error(SyscallError.UnknownSyscall, result.Error, "an unknown call number");
                Check.Equal(0, result.First, "result 0 after a failure");
                Check.Equal(0, result.Second, "result 1 after a failure");
            }
        }
    }
}
