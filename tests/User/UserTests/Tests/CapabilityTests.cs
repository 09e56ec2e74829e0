// The capability calls: copy (rights only shrink; masks beyond All, untyped and page-table sources
// refused), mint (CNode guards; badges only on endpoints and notifications; the Range rules of a guard),
// move, delete (derived capabilities survive, moving up), revoke (needs Revoke; reaches every
// descendant; a revoked capability's slot is then empty), identify (shape and per-type detail), and the
// common errors: SlotEmpty source, SlotOccupied destination.
using MinimalOS.Abi;
using MinimalOS.Tests.User.Framework;
using MinimalOS.Tests.User.Support;
using MinimalOS.User.Runtime;

namespace MinimalOS.Tests.User.Tests
{
    internal static unsafe class CapabilityTests
    {
        public static void Register()
        {
            UserTestRunner.Add("Cap.CopyOnlyRemovesRights", &CopyOnlyRemovesRights);
            UserTestRunner.Add("Cap.CopyRefusals", &CopyRefusals);
            UserTestRunner.Add("Cap.MintSetsBadgeOfEndpointsOnly", &MintSetsBadgeOfEndpointsOnly);
            UserTestRunner.Add("Cap.MintGuardRange", &MintGuardRange);
            UserTestRunner.Add("Cap.MoveEmptiesTheSource", &MoveEmptiesTheSource);
            UserTestRunner.Add("Cap.DeleteKeepsDerivedCapabilities", &DeleteKeepsDerivedCapabilities);
            UserTestRunner.Add("Cap.RevokeReachesEveryDescendant", &RevokeReachesEveryDescendant);
            UserTestRunner.Add("Cap.RevokeNeedsTheRevokeRight", &RevokeNeedsTheRevokeRight);
            UserTestRunner.Add("Cap.UseAfterRevokeIsSlotEmpty", &UseAfterRevokeIsSlotEmpty);
            UserTestRunner.Add("Cap.IdentifyReportsShapeAndDetail", &IdentifyReportsShapeAndDetail);
            UserTestRunner.Add("Cap.DeletingTheLastObjectResetsTheWatermark", &DeletingTheLastObjectResetsTheWatermark);
        }

        private static void CopyOnlyRemovesRights()
        {
            CapSlot frame = Objects.Make(ObjectType.Frame, Objects.SmallFrameBits);
            Check.Equal((ulong)CapRights.All, (ulong)Objects.RightsOf(frame), "rights of a retyped original");
            CapSlot reduced = Objects.Copy(frame, CapRights.Read | CapRights.Revoke);
            Check.Equal((ulong)(CapRights.Read | CapRights.Revoke), (ulong)Objects.RightsOf(reduced), "rights of a Read|Revoke copy");
            CapSlot again = Objects.Copy(reduced, CapRights.All);
            Check.Equal((ulong)(CapRights.Read | CapRights.Revoke), (ulong)Objects.RightsOf(again), "a copy of the copy with mask All gains nothing");
            CapSlot none = Objects.Copy(frame, CapRights.None);
            Check.Equal((ulong)ObjectType.Frame, (ulong)Objects.TypeOf(none), "a copy with no rights is still a frame capability");
            Check.Equal(0, (ulong)Objects.RightsOf(none), "rights of a copy with mask None");
        }

        private static void CopyRefusals()
        {
            CapSlot frame = Objects.Make(ObjectType.Frame, Objects.SmallFrameBits);
            CapSlot free = TestEnvironment.NewSlot();
            Check.Error(SyscallError.InvalidArgument, Syscalls.CapCopy(frame, free, (CapRights)0x20), "CapCopy with mask bit 5 (beyond All)");
            Check.Error(SyscallError.InvalidArgument, Syscalls.Raw((long)Syscall.CapCopy, frame.Encoded, free.Encoded, 1UL << 40).Error, "CapCopy with mask bit 40");
            Check.Error(SyscallError.IllegalOperation, Syscalls.CapCopy(TestEnvironment.TestUntyped, free, CapRights.All), "CapCopy of an untyped");
            CapSlot table = Objects.Make(ObjectType.PageTable);
            Check.Error(SyscallError.IllegalOperation, Syscalls.CapCopy(table, free, CapRights.All), "CapCopy of a page table");
            Check.Error(SyscallError.SlotEmpty, Syscalls.CapCopy(TestEnvironment.Root.Slot(0), free, CapRights.All), "CapCopy from empty slot 0");
            Check.Error(SyscallError.SlotOccupied, Syscalls.CapCopy(frame, TestEnvironment.DebugLog, CapRights.All), "CapCopy onto the DebugLog slot");
            Check.Error(SyscallError.InvalidCapability, Syscalls.CapCopy(frame, CapSlot.FromRegister(free.Path), CapRights.All), "CapCopy to a depth-0 destination");
            Check.Equal(0, (ulong)Objects.TypeOf(free), "the destination stays empty after every refusal");
        }

        private static void MintSetsBadgeOfEndpointsOnly()
        {
            CapSlot endpoint = Objects.Make(ObjectType.Endpoint);
            CapSlot badged = TestEnvironment.NewSlot();
            Check.Ok(Syscalls.CapMint(endpoint, badged, CapRights.All, 0x1234), "CapMint(endpoint, badge 0x1234)");
            Check.Equal(0x1234, Objects.DetailOf(badged), "the badge (CapIdentify result 1)");
            Check.Equal(0, Objects.DetailOf(endpoint), "the source stays unbadged");
            Check.Error(SyscallError.IllegalOperation, Syscalls.CapMint(badged, TestEnvironment.NewSlot(), CapRights.All, 7), "CapMint of an already badged endpoint");
            CapSlot notification = Objects.Make(ObjectType.Notification);
            CapSlot badgedNotification = TestEnvironment.NewSlot();
            Check.Ok(Syscalls.CapMint(notification, badgedNotification, CapRights.Read, 99), "CapMint(notification, badge 99)");
            Check.Equal(99, Objects.DetailOf(badgedNotification), "the notification's badge");
            CapSlot frame = Objects.Make(ObjectType.Frame, Objects.SmallFrameBits);
            Check.Error(SyscallError.IllegalOperation, Syscalls.CapMint(frame, TestEnvironment.NewSlot(), CapRights.All, 1), "CapMint of a frame");
            Check.Error(SyscallError.IllegalOperation, Syscalls.CapMint(TestEnvironment.TestUntyped, TestEnvironment.NewSlot(), CapRights.All, 1), "CapMint of an untyped");
            Check.Error(SyscallError.IllegalOperation, Syscalls.CapMint(Objects.Make(ObjectType.PageTable), TestEnvironment.NewSlot(), CapRights.All, 1), "CapMint of a page table");
            Check.Error(SyscallError.InvalidArgument, Syscalls.CapMint(endpoint, TestEnvironment.NewSlot(), (CapRights)0x40, 1), "CapMint with mask bit 6");
        }

        private static void MintGuardRange()
        {
            CapSlot cnode = Objects.Make(ObjectType.CNode, 10);
            // Guard bits + radix above 56 is Range; so is a guard value wider than its bits.
            Check.Error(SyscallError.Range, Syscalls.CapMint(cnode, TestEnvironment.NewSlot(), CapRights.All, 47), "CapMint(radix-10 CNode, 47 guard bits)");
            Check.Error(SyscallError.Range, Syscalls.CapMint(cnode, TestEnvironment.NewSlot(), CapRights.All, 4UL << 6 | 2), "CapMint(guard 4 in 2 bits)");
            Check.Ok(Syscalls.CapMint(cnode, TestEnvironment.NewSlot(), CapRights.All, 46), "CapMint(radix-10 CNode, 46 guard bits of 0)");
            Check.Ok(Syscalls.CapMint(cnode, TestEnvironment.NewSlot(), CapRights.All, 3UL << 6 | 2), "CapMint(guard 3 in 2 bits)");
        }

        private static void MoveEmptiesTheSource()
        {
            CapSlot frame = Objects.Make(ObjectType.Frame, Objects.SmallFrameBits);
            ulong address = TestEnvironment.Region;
            Mapping.Map(frame, TestEnvironment.AddressSpace, address, Mapping.ReadWrite);
            *(ulong*)address = 0xC0FFEE;
            CapSlot destination = TestEnvironment.NewSlot();
            Check.Ok(Syscalls.CapMove(frame, destination), "CapMove(mapped frame)");
            Check.Equal(0, (ulong)Objects.TypeOf(frame), "the source after CapMove");
            Check.Equal(address, Objects.DetailOf(destination), "the moved frame is still mapped there");
            Check.Equal(0xC0FFEE, *(ulong*)address, "the mapping still reads the frame");
            Check.Error(SyscallError.SlotEmpty, Syscalls.CapMove(frame, TestEnvironment.NewSlot()), "CapMove from the emptied source");
            Check.Error(SyscallError.SlotOccupied, Syscalls.CapMove(destination, TestEnvironment.DebugLog), "CapMove onto an occupied slot");
            Check.Ok(Syscalls.FrameUnmap(destination), "FrameUnmap through the moved capability");
        }

        private static void DeleteKeepsDerivedCapabilities()
        {
            CapSlot endpoint = Objects.Make(ObjectType.Endpoint);
            CapSlot child = Objects.Copy(endpoint, CapRights.All);
            CapSlot grandchild = Objects.Copy(child, CapRights.All);
            Check.Ok(Syscalls.CapDelete(child), "CapDelete(the middle copy)");
            Check.Equal(0, (ulong)Objects.TypeOf(child), "the deleted slot");
            Check.Equal((ulong)ObjectType.Endpoint, (ulong)Objects.TypeOf(grandchild), "the grandchild survives its parent's deletion");
            Check.Ok(Syscalls.CapRevoke(endpoint), "CapRevoke(the original)");
            Check.Equal(0, (ulong)Objects.TypeOf(grandchild), "the grandchild, moved up under the original, is revoked with it");
            Check.Error(SyscallError.SlotEmpty, Syscalls.CapDelete(child), "CapDelete of an empty slot");
        }

        private static void RevokeReachesEveryDescendant()
        {
            CapSlot frame = Objects.Make(ObjectType.Frame, Objects.SmallFrameBits);
            CapSlot a = Objects.Copy(frame, CapRights.All);
            CapSlot b = Objects.Copy(a, CapRights.All);
            CapSlot c = Objects.Copy(b, CapRights.Read);
            CapSlot sibling = Objects.Copy(frame, CapRights.Read);
            Mapping.Map(c, TestEnvironment.AddressSpace, TestEnvironment.Region, CapRights.Read);
            Check.Ok(Syscalls.CapRevoke(frame), "CapRevoke(frame)");
            Check.Equal(0, (ulong)Objects.TypeOf(a) | (ulong)Objects.TypeOf(b) | (ulong)Objects.TypeOf(c) | (ulong)Objects.TypeOf(sibling), "every descendant after CapRevoke");
            Check.Equal((ulong)ObjectType.Frame, (ulong)Objects.TypeOf(frame), "the revoked capability itself stays");
            CapSlot fresh = Objects.Copy(frame, CapRights.Read);
            Check.Ok(Syscalls.FrameMap(fresh, TestEnvironment.AddressSpace, TestEnvironment.Region, CapRights.Read, FrameCache.WriteBack, out _), "FrameMap at the address the revoked copy had mapped (it was unmapped)");
        }

        private static void RevokeNeedsTheRevokeRight()
        {
            CapSlot endpoint = Objects.Make(ObjectType.Endpoint);
            CapSlot noRevoke = Objects.Copy(endpoint, CapRights.All & ~CapRights.Revoke);
            CapSlot below = Objects.Copy(noRevoke, CapRights.Read);
            Check.Error(SyscallError.InsufficientRights, Syscalls.CapRevoke(noRevoke), "CapRevoke through a copy without Revoke");
            Check.Equal((ulong)ObjectType.Endpoint, (ulong)Objects.TypeOf(below), "its descendant after the refused revoke");
            Check.Error(SyscallError.SlotEmpty, Syscalls.CapRevoke(TestEnvironment.Root.Slot(0)), "CapRevoke of empty slot 0");
            Check.Error(SyscallError.InvalidCapability, Syscalls.CapRevoke(CapSlot.FromRegister(57UL << 56)), "CapRevoke(depth 57)");
        }

        private static void UseAfterRevokeIsSlotEmpty()
        {
            CapSlot thread = Objects.Make(ObjectType.Thread);
            CapSlot copy = Objects.Copy(thread, CapRights.All);
            CapSlot frame = Objects.Make(ObjectType.Frame, Objects.SmallFrameBits);
            CapSlot frameCopy = Objects.Copy(frame, CapRights.All);
            CapSlot logCopy = Objects.Copy(TestEnvironment.DebugLog, CapRights.All);
            Check.Ok(Syscalls.CapRevoke(thread), "CapRevoke(thread)");
            Check.Ok(Syscalls.CapRevoke(frame), "CapRevoke(frame)");
            Check.Ok(Syscalls.CapRevoke(TestEnvironment.DebugLog), "CapRevoke(DebugLog)");
            Check.Error(SyscallError.SlotEmpty, Syscalls.ThreadSuspend(copy), "ThreadSuspend through a revoked copy");
            Check.Error(SyscallError.SlotEmpty, Syscalls.ThreadReadRegisters(copy, out _, out _, out _), "ThreadReadRegisters through a revoked copy");
            Check.Error(SyscallError.SlotEmpty, Syscalls.FrameMap(frameCopy, TestEnvironment.AddressSpace, TestEnvironment.Region, CapRights.Read, FrameCache.WriteBack, out _), "FrameMap through a revoked copy");
            Check.Error(SyscallError.SlotEmpty, Syscalls.CapCopy(frameCopy, TestEnvironment.NewSlot(), CapRights.All), "CapCopy of a revoked copy");
            Check.Error(SyscallError.SlotEmpty, Syscalls.DebugLog(logCopy, "x"u8), "DebugLog through a revoked copy");
            Check.Ok(Syscalls.CapRevoke(TestEnvironment.TestUntyped), "CapRevoke(test untyped)");
            Check.Error(SyscallError.SlotEmpty, Syscalls.ThreadStart(thread, Syscalls.AnyCpu), "ThreadStart of a thread whose untyped was revoked");
        }

        private static void IdentifyReportsShapeAndDetail()
        {
            Check.Ok(Syscalls.CapIdentify(TestEnvironment.Root.Slot(0), out ulong shape, out ulong detail), "CapIdentify(empty slot 0)");
            Check.Equal(0, shape | detail, "CapIdentify of an empty slot");
            CapSlot large = Objects.Make(ObjectType.Frame, Objects.LargeFrameBits);
            Check.Ok(Syscalls.CapIdentify(large, out shape, out detail), "CapIdentify(2 MiB frame)");
            Check.Equal((ulong)ObjectType.Frame | (ulong)CapRights.All << 8 | 21UL << 16, shape, "shape of a 2 MiB frame");
            Check.Equal(0, detail, "an unmapped frame's address");
            CapSlot cnode = Objects.Make(ObjectType.CNode, 5);
            Check.Ok(Syscalls.CapIdentify(cnode, out shape, out _), "CapIdentify(radix-5 CNode)");
            Check.Equal((ulong)ObjectType.CNode | (ulong)CapRights.All << 8, shape & 0xFFFF, "type and rights of a CNode");
            Check.Ok(Syscalls.CapIdentify(TestEnvironment.TestUntyped, out shape, out detail), "CapIdentify(test untyped)");
            Check.Equal((ulong)ObjectType.Untyped | (ulong)TestEnvironment.TestUntypedBits << 16, shape & 0xFF00FF, "type and size bits of the test untyped");
            ulong used = (1UL << 21) + 64 * 32;
            Check.True(detail <= TestEnvironment.TestUntypedBytes - used, "the test untyped's free bytes went down by at least what was carved");
            CapSlot thread = Objects.Make(ObjectType.Thread);
            Check.Equal((ulong)ThreadRunState.Inactive, Objects.DetailOf(thread), "a new thread's state");
        }

        private static void DeletingTheLastObjectResetsTheWatermark()
        {
            CapSlot first = Objects.Make(ObjectType.Frame, Objects.SmallFrameBits);
            CapSlot second = Objects.Make(ObjectType.Frame, Objects.SmallFrameBits);
            Check.Equal(TestEnvironment.TestUntypedBytes - 2 * 4096, TestEnvironment.TestUntypedFreeBytes(), "free bytes after carving two 4 KiB frames");
            Check.Ok(Syscalls.CapDelete(first), "CapDelete(the first frame's only capability)");
            // seL4's rule: memory stays accounted until every object made from the untyped is gone.
            Check.Equal(TestEnvironment.TestUntypedBytes - 2 * 4096, TestEnvironment.TestUntypedFreeBytes(), "free bytes while the second frame lives");
            Check.Ok(Syscalls.CapDelete(second), "CapDelete(the second frame's only capability)");
            Check.Equal(TestEnvironment.TestUntypedBytes, TestEnvironment.TestUntypedFreeBytes(), "free bytes once every object is gone");
        }
    }
}
