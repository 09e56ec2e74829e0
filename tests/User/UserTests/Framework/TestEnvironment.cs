// What every ring-3 test works with: the root task's fixed capabilities, one test untyped (carved once
// from boot memory) that every object of a test comes from, scratch slots of the root CNode, and a
// user-address region of its own (one PML4 entry, 512 GiB) for the test's mappings. After each test,
// Cleanup revokes the test untyped (reclaiming every object the test made, which unmaps its tables and
// frames and stops its threads), deletes whatever copies are left in the scratch slots, and checks that
// the untyped's free bytes are back at the baseline - so a failing test cannot leak into the next one.
using MinimalOS.Abi;
using MinimalOS.User.Runtime;

namespace MinimalOS.Tests.User.Framework
{
    internal static class TestEnvironment
    {
        /// <summary>8 MiB: room for 63 threads (the 62-thread limit) and 2 MiB frames, aligned to its size.</summary>
        public const int TestUntypedBits = 23;
        private const int FirstRegionPml4Index = 32;
        private const int RegionBits = 39;

        private static BootInfo s_bootInfo;
        private static RootCNode s_root;
        private static uint s_testUntypedIndex;
        private static uint s_firstScratch;
        private static uint s_nextScratch;
        private static uint s_scratchEnd;
        private static int s_testIndex;

        public static BootInfo BootInfo => s_bootInfo;
        public static RootCNode Root => s_root;
        public static CapSlot CNode => s_root.Slot(RootSlots.CNode);
        public static CapSlot AddressSpace => s_root.Slot(RootSlots.AddressSpace);
        public static CapSlot Thread => s_root.Slot(RootSlots.Thread);
        public static CapSlot Process => s_root.Slot(RootSlots.Process);
        public static CapSlot BootInfoFrame => s_root.Slot(RootSlots.BootInfoFrame);
        public static CapSlot DebugLog => s_root.Slot(RootSlots.DebugLog);
        public static CapSlot TestUntyped => s_root.Slot(s_testUntypedIndex);
        public static uint TestUntypedIndex => s_testUntypedIndex;
        public static ulong TestUntypedBytes => 1UL << TestUntypedBits;

        /// <summary>This test's user-address region: 512 GiB no other test uses.</summary>
        public static ulong Region => (ulong)(FirstRegionPml4Index + s_testIndex) << RegionBits;

        /// <summary>Finds a boot untyped with room and carves the test untyped from it; null on success, else why not.</summary>
        public static string Initialize(BootInfo bootInfo)
        {
            s_bootInfo = bootInfo;
            if (!bootInfo.IsValid)
                return "the boot-info page is missing or has the wrong magic";
            s_root = bootInfo.RootCNode;
            // The free slots should all be empty (Boot.FreeSlotsAreEmpty checks it); start after any that is
            // not, so that one wrong boot-info field fails one test rather than all of them.
            uint firstEmpty = bootInfo.FirstFreeSlot;
            for (uint index = bootInfo.FirstFreeSlot; index < bootInfo.FreeSlotEnd; index++)
            {
                Syscalls.CapIdentify(s_root.Slot(index), out ulong shape, out _);
                if (shape != 0)
                    firstEmpty = index + 1;
            }
            s_testUntypedIndex = firstEmpty;
            s_firstScratch = firstEmpty + 1;
            s_scratchEnd = bootInfo.FreeSlotEnd;
            SyscallError error = SyscallError.InvalidState;
            for (int i = 0; i < (int)bootInfo.UntypedCount; i++)
            {
                error = Syscalls.UntypedRetype(s_root.Slot(bootInfo.UntypedSlot(i)), ObjectType.Untyped, TestUntypedBits, CNode, s_testUntypedIndex, 1);
                if (error == SyscallError.None)
                    return null;
            }
            return "no boot untyped region gives an 8 MiB test untyped; the last one said " + Names.Of(error);
        }

        public static void BeginTest(int index)
        {
            s_testIndex = index;
            s_nextScratch = s_firstScratch;
        }

        /// <summary>A fresh scratch slot index of the root CNode (empty unless the last test leaked it).</summary>
        public static uint NewSlotIndex()
        {
            if (s_nextScratch >= s_scratchEnd)
                Check.Fail("scratch slots", "the test used every free slot of the root CNode");
            return s_nextScratch++;
        }

        public static CapSlot NewSlot() => s_root.Slot(NewSlotIndex());

        /// <summary>The test untyped's free bytes as CapIdentify reports them (result 1).</summary>
        public static ulong TestUntypedFreeBytes()
        {
            Syscalls.CapIdentify(TestUntyped, out _, out ulong free);
            return free;
        }

        /// <summary>Reclaims everything the test made; false (with <paramref name="problem"/>) if memory or a call did not come back.</summary>
        public static bool Cleanup(ref ReportText problem)
        {
            SyscallError revoke = Syscalls.CapRevoke(TestUntyped);
            bool clean = revoke == SyscallError.None;
            if (!clean)
            {
                problem.Append("cleanup: CapRevoke(test untyped): expected None, got ");
                problem.Append(revoke);
            }
            for (uint index = s_firstScratch; index < s_nextScratch; index++)
            {
                CapSlot slot = s_root.Slot(index);
                Syscalls.CapIdentify(slot, out ulong shape, out _);
                if (shape != 0)
                    Syscalls.CapDelete(slot);
            }
            ulong free = TestUntypedFreeBytes();
            if (clean && free != TestUntypedBytes)
            {
                problem.Append("cleanup: test untyped free bytes: expected ");
                problem.AppendHex(TestUntypedBytes);
                problem.Append(", got ");
                problem.AppendHex(free);
                clean = false;
            }
            return clean;
        }
    }
}
