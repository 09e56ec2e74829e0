// Deletion cascades: a dying CNode's slots are deleted in turn, CNodes that hold themselves or each other
// die once, an untyped capability with children is revoked before it goes (even when its own slot, or an
// ancestor's, lies in memory made from it), objects reporting held slots have them emptied, and a chain of
// 20,000 nested CNodes is deleted on a 256 KiB stack (the core never recurses). Every capability is
// reported to the hook exactly once, before its slot is cleared, with no worklist state visible.
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using MinimalOS.Abi;
using MinimalOS.Kernel.Capabilities;
using Xunit;

namespace MinimalOS.Tests.Host.Capabilities
{
    public sealed unsafe class CapabilityDeletionTests
    {
        private readonly DeleteLog _log = new();
        private RecordingHooks _hooks;

        public CapabilityDeletionTests() => _hooks = new RecordingHooks(_log);

        private void AssertEachSlotReportedOnce()
        {
            Assert.Equal(_log.Events.Count, _log.Events.Select(e => e.Slot).Distinct().Count());
            Assert.All(_log.Events, e => Assert.Equal(0, e.Flags));
        }

        private static void Copy(CapabilitySlot* from, CapabilitySlot* to) =>
            Assert.Equal(SyscallError.None, CapabilityOperations.Copy(from, to, CapRights.All));

        private static void Move(CapabilitySlot* from, CapabilitySlot* to) =>
            Assert.Equal(SyscallError.None, CapabilityOperations.Move(from, to));

        [Fact]
        public void TheLastCNodeCapabilityDeletesWhatTheCNodeHolds()
        {
            using var space = new CapabilityTestSpace();
            CapabilitySlot* cnode = space.Make(ObjectType.CNode, 2, 1);
            CapabilitySlot* endpoint = space.Make(ObjectType.Endpoint, 0, 2);
            Move(endpoint, cnode->CNodeSlots + 3);
            Copy(space.Make(ObjectType.Frame, 12, 3), cnode->CNodeSlots + 0);
            Copy(cnode, space.Root(4));

            Assert.Equal(SyscallError.None, CapabilityOperations.Delete(cnode, ref _hooks));
            Assert.Single(_log.Events);
            Assert.Equal(ObjectType.Endpoint, space.Root(4)->CNodeSlots[3].Type);

            Assert.Equal(SyscallError.None, CapabilityOperations.Delete(space.Root(4), ref _hooks));
            Assert.Equal(new[] { ObjectType.CNode, ObjectType.CNode, ObjectType.Frame, ObjectType.Endpoint }, _log.Events.Select(e => e.Type));
            Assert.Equal(new[] { false, true, false, true }, _log.Events.Select(e => e.Final));
            Assert.Equal(ObjectType.Frame, space.Root(3)->Type);
            Assert.True(space.Root(3)->FirstChild == null);
            Assert.True(space.Root(4)->IsEmpty);
            AssertEachSlotReportedOnce();
        }

        [Fact]
        public void ACNodeHoldingItsOnlyCapabilityDiesOnce()
        {
            using var space = new CapabilityTestSpace();
            CapabilitySlot* cnode = space.Make(ObjectType.CNode, 2, 1);
            CapabilitySlot* inside = cnode->CNodeSlots + 2;
            Move(cnode, inside);
            Copy(space.Make(ObjectType.Endpoint, 0, 2), inside->CNodeSlots + 0);

            Assert.Equal(SyscallError.None, CapabilityOperations.Delete(inside, ref _hooks));
            Assert.Equal(2, _log.Events.Count);
            Assert.Equal((ulong)inside, _log.Events[0].Slot);
            Assert.True(_log.Events[0].Final);
            Assert.False(_log.Events[1].Final);
            Assert.True(inside->IsEmpty);
            Assert.True(space.Root(2)->FirstChild == null);
            AssertEachSlotReportedOnce();
        }

        [Fact]
        public void TwoCNodesHoldingEachOtherAreReclaimedByRevokingTheUntyped()
        {
            using var space = new CapabilityTestSpace();
            CapabilitySlot* a = space.Make(ObjectType.CNode, 1, 1);
            CapabilitySlot* b = space.Make(ObjectType.CNode, 1, 2);
            ulong aObject = a->ObjectAddress, bObject = b->ObjectAddress;
            CapabilitySlot* aSlots = a->CNodeSlots, bSlots = b->CNodeSlots;
            Move(a, bSlots + 1);
            Move(b, aSlots + 0);
            Copy(bSlots + 1, aSlots + 1); // a second capability to A, inside A
            Assert.True(space.Root(1)->IsEmpty && space.Root(2)->IsEmpty);

            Assert.Equal(SyscallError.None, CapabilityOperations.Revoke(space.Untyped, ref _hooks));
            Assert.Equal(3, _log.Events.Count);
            Assert.Equal(new[] { aObject, bObject }, _log.Events.Where(e => e.Final).Select(e => e.Object).OrderBy(o => o));
            Assert.Equal(1UL << 20, UntypedMemory.TotalFreeBytes(space.Untyped));
            Assert.True(space.Untyped->FirstChild == null);
            AssertEachSlotReportedOnce();
        }

        [Fact]
        public void DeletingAnUntypedWithChildrenRevokesItFirst()
        {
            using var space = new CapabilityTestSpace();
            CapabilitySlot* child = space.Make(ObjectType.Untyped, 16, 1);
            space.Make(ObjectType.Frame, 12, 2, child);
            space.Make(ObjectType.Endpoint, 0, 3, child);
            Copy(space.Root(3), space.Root(4));

            Assert.Equal(SyscallError.None, CapabilityOperations.Delete(child, ref _hooks));
            Assert.True(child->IsEmpty && space.Root(2)->IsEmpty && space.Root(3)->IsEmpty && space.Root(4)->IsEmpty);
            Assert.Equal(4, _log.Events.Count);
            DeleteEvent last = _log.Events[^1];
            Assert.Equal((ulong)child, last.Slot);
            Assert.True(last.Final);
            Assert.Equal(0UL, last.Word0); // the hook never sees worklist links
            Assert.True(space.Untyped->FirstChild == null);
            AssertEachSlotReportedOnce();
        }

        [Fact]
        public void AnUntypedWhoseSlotLiesInItsOwnMemoryIsDeletedByItsRevoke()
        {
            using var space = new CapabilityTestSpace();
            CapabilitySlot* child = space.Make(ObjectType.Untyped, 16, 1);
            CapabilitySlot* cnode = space.Make(ObjectType.CNode, 2, 2, child);
            CapabilitySlot* home = cnode->CNodeSlots + 1;
            Move(child, home);
            space.Make(ObjectType.Thread, 0, 3, home);

            Assert.Equal(SyscallError.None, CapabilityOperations.Revoke(home, ref _hooks));
            Assert.Equal(3, _log.Events.Count);
            Assert.Contains(_log.Events, e => e.Slot == (ulong)home && e.Final);
            Assert.True(space.Root(2)->IsEmpty && space.Root(3)->IsEmpty);
            Assert.True(space.Untyped->FirstChild == null);
            Assert.Equal(1UL << 20, UntypedMemory.TotalFreeBytes(space.Untyped));
            AssertEachSlotReportedOnce();
        }

        [Fact]
        public void AnAncestorInsideADescendantGoesWithIt()
        {
            using var space = new CapabilityTestSpace();
            CapabilitySlot* child = space.Make(ObjectType.Untyped, 16, 1);
            CapabilitySlot* grandchild = space.Make(ObjectType.Untyped, 14, 2, child);
            CapabilitySlot* cnode = space.Make(ObjectType.CNode, 2, 3, grandchild);
            space.Make(ObjectType.Endpoint, 0, 4, child);
            Move(child, cnode->CNodeSlots + 0); // the parent's capability lives in its grandchild's CNode

            Assert.Equal(SyscallError.None, CapabilityOperations.Delete(grandchild, ref _hooks));
            Assert.Equal(4, _log.Events.Count);
            Assert.All(_log.Events, e => Assert.True(e.Final));
            Assert.True(grandchild->IsEmpty && space.Root(3)->IsEmpty && space.Root(4)->IsEmpty);
            Assert.True(space.Untyped->FirstChild == null);
            Assert.Equal(1UL << 20, UntypedMemory.TotalFreeBytes(space.Untyped));
            AssertEachSlotReportedOnce();
        }

        [Fact]
        public void SlotsAnObjectReportsAreEmptiedWhenItDies()
        {
            using var space = new CapabilityTestSpace();
            _log.HoldingType = ObjectType.Process;
            _log.HeldSlotCount = 4;
            CapabilitySlot* process = space.Make(ObjectType.Process, 0, 1);
            CapabilitySlot* held = (CapabilitySlot*)process->ObjectPointer;
            Move(space.Make(ObjectType.Endpoint, 0, 2), held + 1);
            Move(process, held + 3); // the process holds its own last capability

            Assert.Equal(SyscallError.None, CapabilityOperations.Delete(held + 3, ref _hooks));
            Assert.Equal(new[] { ObjectType.Process, ObjectType.Endpoint }, _log.Events.Select(e => e.Type));
            Assert.All(_log.Events, e => Assert.True(e.Final));
            Assert.True(space.Untyped->FirstChild == null);
            AssertEachSlotReportedOnce();
        }

        [Fact]
        public void ALongChainOfNestedCNodesIsDeletedWithoutRecursion()
        {
            const int Chain = 20_000;
            using var space = new CapabilityTestSpace(memoryBits: 22);
            var thread = new Thread(() =>
            {
                CapabilitySlot* holder = space.Root(1);
                Assert.Equal(SyscallError.None, UntypedMemory.Retype(space.Untyped, ObjectType.CNode, 1, holder, 1, space.DirectMap));
                CapabilitySlot* outer = holder;
                for (int i = 1; i < Chain; i++)
                {
                    CapabilitySlot* next = outer->CNodeSlots;
                    Assert.Equal(SyscallError.None, UntypedMemory.Retype(space.Untyped, ObjectType.CNode, 1, next, 1, space.DirectMap));
                    outer = next;
                }
                Assert.Equal(SyscallError.None, CapabilityOperations.Delete(holder, ref _hooks));
            }, maxStackSize: 256 * 1024);
            thread.Start();
            thread.Join();
            Assert.Equal(Chain, _log.Events.Count);
            Assert.All(_log.Events, e => Assert.True(e.Final));
            Assert.True(space.Untyped->FirstChild == null);
            AssertEachSlotReportedOnce();
        }
    }
}
