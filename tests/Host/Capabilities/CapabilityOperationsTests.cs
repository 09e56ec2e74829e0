// Copy, mint, move, delete and revoke one at a time: what each does to the slots and the derivation tree,
// which deletions are final, and every error each returns (with nothing changed when it refuses).
using MinimalOS.Abi;
using MinimalOS.Kernel.Capabilities;
using Xunit;

namespace MinimalOS.Tests.Host.Capabilities
{
    public sealed unsafe class CapabilityOperationsTests
    {
        private readonly DeleteLog _log = new();
        private RecordingHooks _hooks;

        public CapabilityOperationsTests() => _hooks = new RecordingHooks(_log);

        [Fact]
        public void CopyMakesAChildWithMaskedRights()
        {
            using var space = new CapabilityTestSpace();
            CapabilitySlot* endpoint = space.Make(ObjectType.Endpoint, 0, 1);
            Assert.Equal(SyscallError.None, CapabilityOperations.Copy(endpoint, space.Root(2), CapRights.Read | CapRights.Grant));
            CapabilitySlot* copy = space.Root(2);
            Assert.Equal(ObjectType.Endpoint, copy->Type);
            Assert.Equal(endpoint->ObjectAddress, copy->ObjectAddress);
            Assert.Equal(CapRights.Read | CapRights.Grant, copy->Rights);
            Assert.True(copy->Parent == endpoint && endpoint->FirstChild == copy);
            // Rights never grow back.
            Assert.Equal(SyscallError.None, CapabilityOperations.Copy(copy, space.Root(3), CapRights.All));
            Assert.Equal(CapRights.Read | CapRights.Grant, space.Root(3)->Rights);
            Assert.True(space.Root(3)->Parent == copy);
        }

        [Fact]
        public void CopyErrors()
        {
            using var space = new CapabilityTestSpace();
            CapabilitySlot* endpoint = space.Make(ObjectType.Endpoint, 0, 1);
            space.Make(ObjectType.Notification, 0, 2);
            Assert.Equal(SyscallError.SlotEmpty, CapabilityOperations.Copy(space.Root(9), space.Root(10), CapRights.All));
            Assert.Equal(SyscallError.SlotOccupied, CapabilityOperations.Copy(endpoint, space.Root(2), CapRights.All));
            Assert.Equal(SyscallError.SlotOccupied, CapabilityOperations.Copy(endpoint, endpoint, CapRights.All));
            Assert.Equal(SyscallError.IllegalOperation, CapabilityOperations.Copy(space.Untyped, space.Root(10), CapRights.All));
            CapabilitySlot* table = space.Make(ObjectType.PageTable, 0, 5);
            Assert.Equal(SyscallError.IllegalOperation, CapabilityOperations.Copy(table, space.Root(10), CapRights.All));
            Assert.True(table->FirstChild == null);
            Assert.True(space.Root(10)->IsEmpty);
            Assert.True(endpoint->FirstChild == null);
            Assert.Equal(ObjectType.Notification, space.Root(2)->Type);
        }

        [Fact]
        public void ACopyOfAMappedFrameIsNotMapped()
        {
            using var space = new CapabilityTestSpace();
            CapabilitySlot* frame = space.Make(ObjectType.Frame, 12, 1);
            frame->FrameMappedAt = 0x40_0000;
            frame->FrameMappedSpace = 0xFFFF_8000_1234_0000;
            Assert.Equal(SyscallError.None, CapabilityOperations.Copy(frame, space.Root(2), CapRights.Read));
            Assert.Equal(0UL, space.Root(2)->FrameMappedAt);
            Assert.Equal(0UL, space.Root(2)->FrameMappedSpace);
            Assert.Equal(frame->PhysicalBase.Value, space.Root(2)->PhysicalBase.Value);
            Assert.Equal(0x40_0000UL, frame->FrameMappedAt);
        }

        [Fact]
        public void MintBadgesEndpointsAndNotificationsOnce()
        {
            using var space = new CapabilityTestSpace();
            CapabilitySlot* endpoint = space.Make(ObjectType.Endpoint, 0, 1);
            CapabilitySlot* notification = space.Make(ObjectType.Notification, 0, 2);
            Assert.Equal(SyscallError.None, CapabilityOperations.Mint(endpoint, space.Root(3), CapRights.Write, 0xBEEF));
            Assert.Equal(0xBEEFUL, space.Root(3)->Badge);
            Assert.Equal(CapRights.Write, space.Root(3)->Rights);
            Assert.True(space.Root(3)->Parent == endpoint);
            Assert.Equal(0UL, endpoint->Badge);
            Assert.Equal(SyscallError.IllegalOperation, CapabilityOperations.Mint(space.Root(3), space.Root(4), CapRights.All, 7));
            Assert.True(space.Root(4)->IsEmpty);
            // A copy of a badged capability keeps the badge.
            Assert.Equal(SyscallError.None, CapabilityOperations.Copy(space.Root(3), space.Root(4), CapRights.All));
            Assert.Equal(0xBEEFUL, space.Root(4)->Badge);
            Assert.Equal(SyscallError.None, CapabilityOperations.Mint(notification, space.Root(5), CapRights.All, 3));
            Assert.Equal(3UL, space.Root(5)->Badge);
        }

        [Fact]
        public void MintSetsACNodeGuardWithinTheDepth()
        {
            using var space = new CapabilityTestSpace();
            CapabilitySlot* cnode = space.Make(ObjectType.CNode, 4, 1);
            Assert.Equal(SyscallError.None, CapabilityOperations.Mint(cnode, space.Root(2), CapRights.All, CNodeGuard.Encode(0x2A, 6)));
            Assert.Equal(0x2AUL, space.Root(2)->CNodeGuard);
            Assert.Equal(6, space.Root(2)->CNodeGuardBits);
            Assert.Equal(4, space.Root(2)->CNodeRadix);
            Assert.True(space.Root(2)->CNodeSlots == cnode->CNodeSlots);
            // A guarded capability may be minted again with another guard.
            Assert.Equal(SyscallError.None, CapabilityOperations.Mint(space.Root(2), space.Root(3), CapRights.All, CNodeGuard.Encode(1, 52)));
            Assert.Equal(SyscallError.Range, CapabilityOperations.Mint(cnode, space.Root(4), CapRights.All, CNodeGuard.Encode(1, 53)));
            Assert.Equal(SyscallError.Range, CapabilityOperations.Mint(cnode, space.Root(4), CapRights.All, CNodeGuard.Encode(8, 3)));
            Assert.True(space.Root(4)->IsEmpty);
        }

        [Fact]
        public void MintErrors()
        {
            using var space = new CapabilityTestSpace();
            CapabilitySlot* frame = space.Make(ObjectType.Frame, 12, 1);
            CapabilitySlot* endpoint = space.Make(ObjectType.Endpoint, 0, 2);
            Assert.Equal(SyscallError.IllegalOperation, CapabilityOperations.Mint(frame, space.Root(3), CapRights.All, 1));
            Assert.Equal(SyscallError.IllegalOperation, CapabilityOperations.Mint(space.Untyped, space.Root(3), CapRights.All, 1));
            Assert.Equal(SyscallError.SlotEmpty, CapabilityOperations.Mint(space.Root(9), space.Root(3), CapRights.All, 1));
            Assert.Equal(SyscallError.SlotOccupied, CapabilityOperations.Mint(endpoint, frame, CapRights.All, 1));
            Assert.True(space.Root(3)->IsEmpty);
            Assert.True(frame->FirstChild == null && endpoint->FirstChild == null);
        }

        [Fact]
        public void MoveTakesContentAndEveryLink()
        {
            using var space = new CapabilityTestSpace();
            CapabilitySlot* endpoint = space.Make(ObjectType.Endpoint, 0, 1);
            Assert.Equal(SyscallError.None, CapabilityOperations.Copy(endpoint, space.Root(2), CapRights.All));
            Assert.Equal(SyscallError.None, CapabilityOperations.Mint(endpoint, space.Root(3), CapRights.All, 9));
            Assert.Equal(SyscallError.None, CapabilityOperations.Copy(endpoint, space.Root(4), CapRights.All));
            CapabilitySlot* middle = space.Root(3); // siblings Root(4) before it and Root(2) after it
            Assert.Equal(SyscallError.None, CapabilityOperations.Copy(middle, space.Root(5), CapRights.All));
            Assert.Equal(SyscallError.None, CapabilityOperations.Copy(middle, space.Root(6), CapRights.All));

            Assert.Equal(SyscallError.None, CapabilityOperations.Move(middle, space.Root(20)));
            CapabilitySlot* moved = space.Root(20);
            Assert.True(middle->IsEmpty);
            Assert.True(middle->Parent == null && middle->FirstChild == null && middle->NextSibling == null && middle->PrevSibling == null);
            Assert.Equal(9UL, moved->Badge);
            Assert.True(moved->Parent == endpoint);
            Assert.True(space.Root(4)->NextSibling == moved && moved->PrevSibling == space.Root(4));
            Assert.True(space.Root(2)->PrevSibling == moved && moved->NextSibling == space.Root(2));
            Assert.True(space.Root(5)->Parent == moved && space.Root(6)->Parent == moved);
            Assert.True(moved->FirstChild == space.Root(6));

            // The first child moving updates the parent's head.
            Assert.Equal(SyscallError.None, CapabilityOperations.Move(space.Root(4), space.Root(21)));
            Assert.True(endpoint->FirstChild == space.Root(21) && space.Root(21)->PrevSibling == null);
            // An untyped capability may move (it cannot be copied); its children follow it.
            space.Make(ObjectType.Frame, 12, 7);
            Assert.Equal(SyscallError.None, CapabilityOperations.Move(space.Untyped, space.Root(22)));
            Assert.True(space.Root(7)->Parent == space.Root(22) && endpoint->Parent == space.Root(22));
        }

        [Fact]
        public void MoveErrors()
        {
            using var space = new CapabilityTestSpace();
            CapabilitySlot* endpoint = space.Make(ObjectType.Endpoint, 0, 1);
            space.Make(ObjectType.Endpoint, 0, 2);
            Assert.Equal(SyscallError.SlotEmpty, CapabilityOperations.Move(space.Root(9), space.Root(10)));
            Assert.Equal(SyscallError.SlotOccupied, CapabilityOperations.Move(endpoint, space.Root(2)));
            Assert.Equal(SyscallError.SlotOccupied, CapabilityOperations.Move(endpoint, endpoint));
            Assert.Equal(ObjectType.Endpoint, endpoint->Type);
            Assert.True(endpoint->Parent == space.Untyped);
        }

        [Fact]
        public void DeletingACopyIsNotFinalAndItsChildrenMoveUp()
        {
            using var space = new CapabilityTestSpace();
            CapabilitySlot* endpoint = space.Make(ObjectType.Endpoint, 0, 1);
            Assert.Equal(SyscallError.None, CapabilityOperations.Copy(endpoint, space.Root(2), CapRights.All));
            Assert.Equal(SyscallError.None, CapabilityOperations.Copy(space.Root(2), space.Root(3), CapRights.All));
            Assert.Equal(SyscallError.None, CapabilityOperations.Copy(space.Root(2), space.Root(4), CapRights.All));
            Assert.False(CapabilityOperations.IsFinal(space.Root(2)));

            Assert.Equal(SyscallError.None, CapabilityOperations.Delete(space.Root(2), ref _hooks));
            Assert.True(space.Root(2)->IsEmpty);
            Assert.Equal(new DeleteEvent((ulong)space.Root(2), false, ObjectType.Endpoint, endpoint->ObjectAddress, 0, 0), Assert.Single(_log.Events));
            Assert.True(space.Root(3)->Parent == endpoint && space.Root(4)->Parent == endpoint);
            Assert.True(endpoint->FirstChild == space.Root(4) && space.Root(4)->NextSibling == space.Root(3) && space.Root(3)->PrevSibling == space.Root(4));
            Assert.True(space.Root(3)->NextSibling == null);
        }

        [Fact]
        public void TheLastCapabilityToAnObjectIsFinalWhicheverItIs()
        {
            using var space = new CapabilityTestSpace();
            CapabilitySlot* endpoint = space.Make(ObjectType.Endpoint, 0, 1);
            ulong address = endpoint->ObjectAddress;
            Assert.Equal(SyscallError.None, CapabilityOperations.Copy(endpoint, space.Root(2), CapRights.All));
            Assert.False(CapabilityOperations.IsFinal(endpoint));
            Assert.Equal(SyscallError.None, CapabilityOperations.Delete(endpoint, ref _hooks));
            Assert.False(_log.Events[0].Final);
            // The copy now hangs under the untyped: it is the last one.
            Assert.True(space.Root(2)->Parent == space.Untyped);
            Assert.True(CapabilityOperations.IsFinal(space.Root(2)));
            Assert.Equal(SyscallError.None, CapabilityOperations.Delete(space.Root(2), ref _hooks));
            Assert.Equal(new DeleteEvent((ulong)space.Root(2), true, ObjectType.Endpoint, address, 0, 0), _log.Events[1]);
            Assert.True(space.Untyped->FirstChild == null);
            Assert.False(CapabilityOperations.IsFinal(space.Root(2)));
        }

        [Fact]
        public void CopiesMovedUpBesideEachOtherAreNotFinalUntilTheLast()
        {
            using var space = new CapabilityTestSpace();
            CapabilitySlot* other = space.Make(ObjectType.Endpoint, 0, 9);
            CapabilitySlot* endpoint = space.Make(ObjectType.Endpoint, 0, 1);
            space.Make(ObjectType.Endpoint, 0, 10);
            Copy3(endpoint, space.Root(2), space.Root(3), space.Root(4));
            Assert.Equal(SyscallError.None, CapabilityOperations.Delete(endpoint, ref _hooks));
            // The three copies now sit between two other objects' originals under the untyped.
            Assert.True(space.Root(2)->Parent == space.Untyped && space.Root(3)->Parent == space.Untyped);
            Assert.False(CapabilityOperations.IsFinal(space.Root(3)));
            Assert.Equal(SyscallError.None, CapabilityOperations.Delete(space.Root(3), ref _hooks));
            Assert.False(CapabilityOperations.IsFinal(space.Root(2)));
            Assert.False(CapabilityOperations.IsFinal(space.Root(4)));
            Assert.Equal(SyscallError.None, CapabilityOperations.Delete(space.Root(4), ref _hooks));
            Assert.True(CapabilityOperations.IsFinal(space.Root(2)));
            Assert.True(CapabilityOperations.IsFinal(other));
            Assert.Equal(SyscallError.None, CapabilityOperations.Delete(space.Root(2), ref _hooks));
            Assert.Equal(new[] { false, false, false, true }, _log.Events.ConvertAll(e => e.Final));
        }

        [Fact]
        public void CopiesOfADeletedBootCapabilityStayTogether()
        {
            using var space = new CapabilityTestSpace();
            Assert.Equal(SyscallError.None, RootCapabilities.CreateControl(space.Root(1), ObjectType.DebugLog));
            Copy3(space.Root(1), space.Root(2), space.Root(3), space.Root(4));
            Assert.Equal(SyscallError.None, CapabilityOperations.Delete(space.Root(1), ref _hooks));
            Assert.True(space.Root(3)->Parent == null);
            Assert.False(CapabilityOperations.IsFinal(space.Root(2)));
            Assert.Equal(SyscallError.None, CapabilityOperations.Delete(space.Root(2), ref _hooks));
            Assert.Equal(SyscallError.None, CapabilityOperations.Delete(space.Root(4), ref _hooks));
            Assert.True(CapabilityOperations.IsFinal(space.Root(3)));
            Assert.True(space.Root(3)->PrevSibling == null && space.Root(3)->NextSibling == null);
            Assert.Equal(SyscallError.None, CapabilityOperations.Delete(space.Root(3), ref _hooks));
            Assert.Equal(new[] { false, false, false, true }, _log.Events.ConvertAll(e => e.Final));
        }

        private static void Copy3(CapabilitySlot* source, CapabilitySlot* a, CapabilitySlot* b, CapabilitySlot* c)
        {
            Assert.Equal(SyscallError.None, CapabilityOperations.Copy(source, a, CapRights.All));
            Assert.Equal(SyscallError.None, CapabilityOperations.Copy(source, b, CapRights.All));
            Assert.Equal(SyscallError.None, CapabilityOperations.Copy(source, c, CapRights.All));
        }

        [Fact]
        public void DeleteOfAnEmptySlotIsRefused()
        {
            using var space = new CapabilityTestSpace();
            Assert.Equal(SyscallError.SlotEmpty, CapabilityOperations.Delete(space.Root(3), ref _hooks));
            Assert.Empty(_log.Events);
        }

        [Fact]
        public void RevokeDeletesEveryDescendantButNotTheSlot()
        {
            using var space = new CapabilityTestSpace();
            CapabilitySlot* endpoint = space.Make(ObjectType.Endpoint, 0, 1);
            CapabilitySlot* other = space.Make(ObjectType.Endpoint, 0, 9);
            Assert.Equal(SyscallError.None, CapabilityOperations.Copy(endpoint, space.Root(2), CapRights.All));
            Assert.Equal(SyscallError.None, CapabilityOperations.Copy(space.Root(2), space.Root(3), CapRights.All));
            Assert.Equal(SyscallError.None, CapabilityOperations.Mint(endpoint, space.Root(4), CapRights.All, 5));
            Assert.Equal(SyscallError.None, CapabilityOperations.Copy(other, space.Root(5), CapRights.All));

            Assert.Equal(SyscallError.None, CapabilityOperations.Revoke(endpoint, ref _hooks));
            Assert.Equal(ObjectType.Endpoint, endpoint->Type);
            Assert.True(endpoint->FirstChild == null);
            Assert.True(space.Root(2)->IsEmpty && space.Root(3)->IsEmpty && space.Root(4)->IsEmpty);
            Assert.Equal(3, _log.Events.Count);
            Assert.All(_log.Events, e => Assert.False(e.Final));
            Assert.Equal(ObjectType.Endpoint, space.Root(5)->Type);
            Assert.True(CapabilityOperations.IsFinal(endpoint));
        }

        [Fact]
        public void RevokeNeedsTheRevokeRight()
        {
            using var space = new CapabilityTestSpace();
            CapabilitySlot* endpoint = space.Make(ObjectType.Endpoint, 0, 1);
            Assert.Equal(SyscallError.None, CapabilityOperations.Copy(endpoint, space.Root(2), CapRights.All & ~CapRights.Revoke));
            Assert.Equal(SyscallError.None, CapabilityOperations.Copy(space.Root(2), space.Root(3), CapRights.All));
            Assert.Equal(SyscallError.InsufficientRights, CapabilityOperations.Revoke(space.Root(2), ref _hooks));
            Assert.Equal(ObjectType.Endpoint, space.Root(3)->Type);
            Assert.Equal(SyscallError.SlotEmpty, CapabilityOperations.Revoke(space.Root(8), ref _hooks));
            Assert.Empty(_log.Events);
        }
    }
}
