// Slot path resolution as src/Abi/CapSlot.cs describes it: radix bits per level from the most significant end
// of the low Depth bits, guards matched first, a slot with bits left must hold a CNode capability, the depth
// must be used up exactly, and every failure is InvalidCapability. Also the destination-range check.
using MinimalOS.Abi;
using MinimalOS.Kernel.Capabilities;
using Xunit;

namespace MinimalOS.Tests.Host.Capabilities
{
    public sealed unsafe class CapabilitySpaceTests
    {
        private static CapabilitySlot* Resolve(CapabilitySlot* root, ulong path, int depth)
        {
            Assert.Equal(SyscallError.None, CapabilitySpace.Resolve(root, CapSlot.At(path, depth), out CapabilitySlot* slot));
            return slot;
        }

        private static void Refused(CapabilitySlot* root, ulong path, int depth)
        {
            Assert.Equal(SyscallError.InvalidCapability, CapabilitySpace.Resolve(root, CapSlot.At(path, depth), out CapabilitySlot* slot));
            Assert.True(slot == null);
        }

        [Fact]
        public void OneLevelIndexesTheRootCNode()
        {
            using var space = new CapabilityTestSpace(rootRadix: 5);
            Assert.True(Resolve(space.RootCNodeCap, 0, 5) == space.Untyped);
            Assert.True(Resolve(space.RootCNodeCap, 17, 5) == space.Root(17));
            Assert.True(Resolve(space.RootCNodeCap, 17, 5)->IsEmpty);
            // Bits above the depth are not part of the name.
            Assert.True(Resolve(space.RootCNodeCap, (0xABUL << 5) | 17, 5) == space.Root(17));
        }

        [Fact]
        public void DepthOutsideOneToFiftySixIsRefused()
        {
            using var space = new CapabilityTestSpace(rootRadix: 5);
            Refused(space.RootCNodeCap, 0, 0);
            Assert.Equal(SyscallError.InvalidCapability, CapabilitySpace.Resolve(space.RootCNodeCap, CapSlot.FromRegister((57UL << 56) | 1), out _));
            Assert.Equal(SyscallError.InvalidCapability, CapabilitySpace.Resolve(space.RootCNodeCap, CapSlot.FromRegister(255UL << 56), out _));
        }

        [Fact]
        public void DepthMustBeUsedUpExactly()
        {
            using var space = new CapabilityTestSpace(rootRadix: 5);
            Refused(space.RootCNodeCap, 1, 4);
            space.Make(ObjectType.Endpoint, 0, 3);
            Refused(space.RootCNodeCap, 3 << 1, 6); // bits left at a slot holding an endpoint
            Refused(space.RootCNodeCap, 4 << 1, 6); // bits left at an empty slot
        }

        [Fact]
        public void TwoLevelsGoThroughACNodeCapability()
        {
            using var space = new CapabilityTestSpace(rootRadix: 5);
            CapabilitySlot* inner = space.Make(ObjectType.CNode, 3, 2);
            CapabilitySlot* slot = Resolve(space.RootCNodeCap, (2 << 3) | 5, 8);
            Assert.True(slot == inner->CNodeSlots + 5);
            Assert.True(slot->IsEmpty);
            Assert.True(Resolve(space.RootCNodeCap, 2, 5) == inner);
            Refused(space.RootCNodeCap, (2 << 3) | 5, 7);
            Refused(space.RootCNodeCap, (2 << 4) | 5, 9);
        }

        [Fact]
        public void GuardsMustMatchBeforeTheRadixBits()
        {
            using var space = new CapabilityTestSpace(rootRadix: 5);
            CapabilitySlot* inner = space.Make(ObjectType.CNode, 3, 2);
            Assert.Equal(SyscallError.None, CapabilityOperations.Mint(inner, space.Root(4), CapRights.All, CNodeGuard.Encode(0b101, 3)));
            Assert.True(Resolve(space.RootCNodeCap, (4UL << 6) | (0b101 << 3) | 6, 11) == inner->CNodeSlots + 6);
            Refused(space.RootCNodeCap, (4UL << 6) | (0b100 << 3) | 6, 11);
            Refused(space.RootCNodeCap, (4UL << 6) | (0b101 << 3) | 6, 10);
            Refused(space.RootCNodeCap, (4UL << 2) | 0b10, 7); // depth ends inside the guard
        }

        [Fact]
        public void AGuardedRootCanTakeTheWholeDepth()
        {
            using var space = new CapabilityTestSpace(rootRadix: 5);
            Assert.Equal(SyscallError.None, CapabilityOperations.Copy(space.RootCNodeCap, space.Root(1), CapRights.All));
            Assert.Equal(SyscallError.None, CapabilityOperations.Mint(space.Root(1), space.Root(2), CapRights.All, CNodeGuard.Encode(0x1234, 51)));
            Assert.True(Resolve(space.Root(2), (0x1234UL << 5) | 9, 56) == space.Root(9));
            Refused(space.Root(2), (0x1235UL << 5) | 9, 56);
        }

        [Fact]
        public void ACNodeHoldingItselfResolvesLevelByLevelAndEnds()
        {
            using var space = new CapabilityTestSpace(rootRadix: 5);
            Assert.Equal(SyscallError.None, CapabilityOperations.Copy(space.RootCNodeCap, space.Root(1), CapRights.All));
            ulong path = 0;
            for (int level = 0; level < 10; level++)
                path = (path << 5) | 1;
            path = (path << 5) | 7;
            Assert.True(Resolve(space.RootCNodeCap, path, 55) == space.Root(7));
            Refused(space.RootCNodeCap, path, 54);
        }

        [Fact]
        public void ARootThatIsNotACNodeResolvesNothing()
        {
            using var space = new CapabilityTestSpace(rootRadix: 5);
            Refused(space.Untyped, 0, 5);
            Refused(space.Root(3), 0, 5);
        }

        [Fact]
        public void SlotRangeChecksTypeAndBounds()
        {
            using var space = new CapabilityTestSpace(rootRadix: 5);
            CapabilitySlot* cnode = space.Make(ObjectType.CNode, 3, 2);
            Assert.Equal(SyscallError.None, CapabilitySpace.SlotRange(cnode, 5, 3, out CapabilitySlot* first));
            Assert.True(first == cnode->CNodeSlots + 5);
            Assert.Equal(SyscallError.Range, CapabilitySpace.SlotRange(cnode, 5, 4, out first));
            Assert.True(first == null);
            Assert.Equal(SyscallError.Range, CapabilitySpace.SlotRange(cnode, 8, 1, out _));
            Assert.Equal(SyscallError.Range, CapabilitySpace.SlotRange(cnode, ulong.MaxValue, 2, out _));
            Assert.Equal(SyscallError.Range, CapabilitySpace.SlotRange(cnode, 0, 0, out _));
            Assert.Equal(SyscallError.WrongType, CapabilitySpace.SlotRange(space.Untyped, 0, 1, out _));
            Assert.Equal(SyscallError.SlotEmpty, CapabilitySpace.SlotRange(space.Root(9), 0, 1, out _));
        }
    }
}
