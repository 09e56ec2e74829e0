// Retype and untyped accounting: every type's size and alignment, zeroed objects, original capabilities as
// children of the untyped, the watermark (advances, aligns, resets once no child is left), every refusal
// leaving everything as it was, nested untyped regions, and the boot-time root capabilities.
using System;
using MinimalOS.Abi;
using MinimalOS.Kernel.Capabilities;
using MinimalOS.Kernel.Memory;
using Xunit;

namespace MinimalOS.Tests.Host.Capabilities
{
    public sealed unsafe class UntypedMemoryTests
    {
        private const ulong Base = CapabilityTestSpace.PhysicalBase;
        private readonly DeleteLog _log = new();
        private RecordingHooks _hooks;

        public UntypedMemoryTests() => _hooks = new RecordingHooks(_log);

        public static TheoryData<ObjectType, int, int> Sizes() => new()
        {
            { ObjectType.Untyped, 12, 12 },
            { ObjectType.Untyped, 16, 16 },
            { ObjectType.Frame, 12, 12 },
            { ObjectType.Frame, 21, 21 },
            { ObjectType.PageTable, 0, 12 },
            { ObjectType.CNode, 1, 7 },
            { ObjectType.CNode, 4, 10 },
            { ObjectType.AddressSpace, 0, 13 },
            { ObjectType.Thread, 0, 15 },
            { ObjectType.Process, 0, 12 },
            { ObjectType.Endpoint, 0, 6 },
            { ObjectType.Notification, 0, 6 },
        };

        [Theory]
        [MemberData(nameof(Sizes))]
        public void RetypeCarvesAlignedZeroedObjects(ObjectType type, int sizeBits, int objectBits)
        {
            using var space = new CapabilityTestSpace(memoryBits: 23);
            ulong objectSize = 1UL << objectBits;
            // A 64-byte endpoint first, so the objects must be aligned up past it.
            space.Make(ObjectType.Endpoint, 0, 1);
            Assert.Equal(SyscallError.None, UntypedMemory.Retype(space.Untyped, type, sizeBits, space.Root(2), 3, space.DirectMap));
            ulong first = ObjectSizes.EndpointBits >= objectBits ? 64 : objectSize;
            Assert.Equal(first + 3 * objectSize, space.Untyped->UntypedWatermark);
            Assert.Equal((1UL << 23) - first - 3 * objectSize, UntypedMemory.FreeBytes(space.Untyped));
            for (int i = 0; i < 3; i++)
            {
                CapabilitySlot* slot = space.Root(2 + i);
                ulong physical = Base + first + (ulong)i * objectSize;
                Assert.Equal(type, slot->Type);
                Assert.Equal(CapRights.All, slot->Rights);
                Assert.True(slot->Parent == space.Untyped);
                Assert.True(slot->FirstChild == null);
                bool physicalObject = type == ObjectType.Untyped || type == ObjectType.Frame;
                Assert.Equal(physicalObject ? physical : space.KernelAddressOf(physical), slot->ObjectAddress);
                Assert.Equal(0UL, physical & (objectSize - 1));
                if (type == ObjectType.CNode)
                    Assert.Equal(sizeBits, slot->CNodeRadix);
                if (type != ObjectType.Untyped)
                {
                    byte* memory = space.DirectMap.ToPointer(new PhysicalAddress(physical));
                    Assert.Equal(-1, new ReadOnlySpan<byte>(memory, (int)objectSize).IndexOfAnyExcept((byte)0));
                }
            }
            // The byte just past the last object is untouched (garbage from the test space).
            if (first + 3 * objectSize < (1UL << 23))
                Assert.Equal(0xA5, space.DirectMap.ToPointer(new PhysicalAddress(Base + first + 3 * objectSize))[0]);
        }

        [Fact]
        public void RetypeRefusesBadTypesSizesAndCounts()
        {
            using var space = new CapabilityTestSpace();
            foreach (ObjectType type in new[] { ObjectType.Null, ObjectType.DebugLog, ObjectType.IrqControl, ObjectType.IoPortControl, (ObjectType)13, (ObjectType)200 })
                Assert.Equal(SyscallError.InvalidArgument, UntypedMemory.Retype(space.Untyped, type, 12, space.Root(1), 1, space.DirectMap));
            Assert.Equal(SyscallError.Range, UntypedMemory.Retype(space.Untyped, ObjectType.Untyped, 11, space.Root(1), 1, space.DirectMap));
            Assert.Equal(SyscallError.Range, UntypedMemory.Retype(space.Untyped, ObjectType.Untyped, 48, space.Root(1), 1, space.DirectMap));
            Assert.Equal(SyscallError.Range, UntypedMemory.Retype(space.Untyped, ObjectType.Frame, 13, space.Root(1), 1, space.DirectMap));
            Assert.Equal(SyscallError.Range, UntypedMemory.Retype(space.Untyped, ObjectType.CNode, 0, space.Root(1), 1, space.DirectMap));
            Assert.Equal(SyscallError.Range, UntypedMemory.Retype(space.Untyped, ObjectType.CNode, 17, space.Root(1), 1, space.DirectMap));
            Assert.Equal(SyscallError.Range, UntypedMemory.Retype(space.Untyped, ObjectType.Endpoint, 0, space.Root(1), 0, space.DirectMap));
            Assert.Equal(SyscallError.Range, UntypedMemory.Retype(space.Untyped, ObjectType.Endpoint, 0, space.Root(1), 257, space.DirectMap));
            Assert.Equal(SyscallError.SlotEmpty, UntypedMemory.Retype(space.Root(5), ObjectType.Endpoint, 0, space.Root(1), 1, space.DirectMap));
            CapabilitySlot* endpoint = space.Make(ObjectType.Endpoint, 0, 5);
            Assert.Equal(SyscallError.WrongType, UntypedMemory.Retype(endpoint, ObjectType.Endpoint, 0, space.Root(1), 1, space.DirectMap));
            Assert.True(space.Root(1)->IsEmpty);
            Assert.Equal(64UL, space.Untyped->UntypedWatermark);
        }

        [Fact]
        public void AnOccupiedDestinationRefusesTheWholeRetype()
        {
            using var space = new CapabilityTestSpace();
            space.Make(ObjectType.Endpoint, 0, 4);
            Assert.Equal(SyscallError.SlotOccupied, UntypedMemory.Retype(space.Untyped, ObjectType.Frame, 12, space.Root(1), 4, space.DirectMap));
            Assert.True(space.Root(1)->IsEmpty && space.Root(2)->IsEmpty && space.Root(3)->IsEmpty);
            Assert.Equal(64UL, space.Untyped->UntypedWatermark);
            Assert.True(space.Untyped->FirstChild == space.Root(4) && space.Root(4)->NextSibling == null);
        }

        [Fact]
        public void NoRoomIsOutOfMemoryAndChangesNothing()
        {
            using var space = new CapabilityTestSpace(memoryBits: 16);
            Assert.Equal(SyscallError.OutOfMemory, UntypedMemory.Retype(space.Untyped, ObjectType.Frame, 21, space.Root(1), 1, space.DirectMap));
            Assert.Equal(SyscallError.OutOfMemory, UntypedMemory.Retype(space.Untyped, ObjectType.Untyped, 17, space.Root(1), 1, space.DirectMap));
            Assert.Equal(SyscallError.OutOfMemory, UntypedMemory.Retype(space.Untyped, ObjectType.Frame, 12, space.Root(1), 17, space.DirectMap));
            Assert.Equal(SyscallError.None, UntypedMemory.Retype(space.Untyped, ObjectType.Endpoint, 0, space.Root(1), 1, space.DirectMap));
            // 64 bytes used: only 15 aligned frames are left, and a 64 KiB untyped no longer fits.
            Assert.Equal(SyscallError.OutOfMemory, UntypedMemory.Retype(space.Untyped, ObjectType.Frame, 12, space.Root(2), 16, space.DirectMap));
            Assert.Equal(SyscallError.OutOfMemory, UntypedMemory.Retype(space.Untyped, ObjectType.Untyped, 16, space.Root(2), 1, space.DirectMap));
            Assert.True(space.Root(2)->IsEmpty);
            Assert.Equal(64UL, space.Untyped->UntypedWatermark);
            Assert.Equal(SyscallError.None, UntypedMemory.Retype(space.Untyped, ObjectType.Frame, 12, space.Root(2), 15, space.DirectMap));
            Assert.Equal(0UL, UntypedMemory.FreeBytes(space.Untyped));
            Assert.Equal(SyscallError.OutOfMemory, UntypedMemory.Retype(space.Untyped, ObjectType.Endpoint, 0, space.Root(20), 1, space.DirectMap));
        }

        [Fact]
        public void TheWatermarkResetsOnlyWhenNoChildIsLeft()
        {
            using var space = new CapabilityTestSpace();
            CapabilitySlot* a = space.Make(ObjectType.Frame, 12, 1);
            CapabilitySlot* b = space.Make(ObjectType.Frame, 12, 2);
            ulong second = b->PhysicalBase.Value;
            Assert.Equal(SyscallError.None, CapabilityOperations.Delete(a, ref _hooks));
            // The freed first frame is not reused while the second lives.
            CapabilitySlot* c = space.Make(ObjectType.Frame, 12, 3);
            Assert.Equal(second + 4096, c->PhysicalBase.Value);
            Assert.Equal(SyscallError.None, CapabilityOperations.Delete(b, ref _hooks));
            Assert.Equal(SyscallError.None, CapabilityOperations.Delete(c, ref _hooks));
            Assert.Equal(1UL << 20, UntypedMemory.FreeBytes(space.Untyped));
            Assert.Equal(Base, space.Make(ObjectType.Frame, 12, 4)->PhysicalBase.Value);
        }

        [Fact]
        public void RevokingTheUntypedFreesEverythingMadeFromIt()
        {
            using var space = new CapabilityTestSpace();
            space.Make(ObjectType.Thread, 0, 1);
            space.Make(ObjectType.CNode, 3, 2);
            Assert.Equal(SyscallError.None, CapabilityOperations.Copy(space.Root(1), space.Root(2)->CNodeSlots + 1, CapRights.Read));
            Assert.True(UntypedMemory.FreeBytes(space.Untyped) < 1UL << 20);
            Assert.Equal(SyscallError.None, CapabilityOperations.Revoke(space.Untyped, ref _hooks));
            Assert.True(space.Root(1)->IsEmpty && space.Root(2)->IsEmpty);
            Assert.Equal(3, _log.Events.Count);
            Assert.Equal(1UL << 20, UntypedMemory.FreeBytes(space.Untyped));
            Assert.Equal(1UL << 20, UntypedMemory.TotalFreeBytes(space.Untyped));
            Assert.Equal(ObjectType.Untyped, space.Untyped->Type);
        }

        [Fact]
        public void NestedUntypedRegionsAccountTheirOwnObjects()
        {
            using var space = new CapabilityTestSpace();
            CapabilitySlot* child = space.Make(ObjectType.Untyped, 16, 1);
            CapabilitySlot* grandchild = space.Make(ObjectType.Untyped, 13, 2, child);
            space.Make(ObjectType.Frame, 12, 3, grandchild);
            space.Make(ObjectType.Endpoint, 0, 4, child);
            Assert.Equal(Base, child->PhysicalBase.Value);
            Assert.Equal(Base, grandchild->PhysicalBase.Value);
            Assert.True(space.Root(3)->Parent == grandchild && grandchild->Parent == child);
            ulong expected = ((1UL << 20) - (1UL << 16)) + ((1UL << 16) - (1UL << 13) - 64) + (1UL << 13) - 4096;
            Assert.Equal(expected, UntypedMemory.TotalFreeBytes(space.Untyped));
            Assert.Equal(SyscallError.None, CapabilityOperations.Revoke(child, ref _hooks));
            Assert.Equal(1UL << 16, UntypedMemory.FreeBytes(child));
            Assert.Equal((1UL << 20) - (1UL << 16) + (1UL << 16), UntypedMemory.TotalFreeBytes(space.Untyped));
            Assert.Equal(ObjectType.Untyped, child->Type);
        }

        [Fact]
        public void RootCapabilitiesAreCheckedAtBoot()
        {
            using var space = new CapabilityTestSpace();
            Assert.Equal(SyscallError.Alignment, RootCapabilities.CreateUntyped(space.Root(1), new PhysicalAddress(0x1000), 13));
            Assert.Equal(SyscallError.Range, RootCapabilities.CreateUntyped(space.Root(1), new PhysicalAddress(0), 11));
            Assert.Equal(SyscallError.Range, RootCapabilities.CreateUntyped(space.Root(1), new PhysicalAddress(0), 48));
            Assert.Equal(SyscallError.SlotOccupied, RootCapabilities.CreateUntyped(space.Untyped, new PhysicalAddress(0), 12));
            Assert.Equal(SyscallError.None, RootCapabilities.CreateUntyped(space.Root(1), new PhysicalAddress(0x2000), 13));
            Assert.Equal(1UL << 13, UntypedMemory.FreeBytes(space.Root(1)));
            Assert.Equal(SyscallError.None, RootCapabilities.CreateControl(space.Root(2), ObjectType.IrqControl));
            Assert.Equal(ObjectType.IrqControl, space.Root(2)->Type);
            Assert.Equal(0UL, space.Root(2)->ObjectAddress);
            Assert.True(space.Root(2)->Parent == null);
            Assert.Equal(SyscallError.SlotOccupied, RootCapabilities.CreateControl(space.Root(2), ObjectType.DebugLog));
            Assert.Equal(SyscallError.InvalidArgument, RootCapabilities.CreateControl(space.Root(3), ObjectType.Frame));
            Assert.True(space.Root(3)->IsEmpty);
            // Control capabilities copy like any other; the last one is final.
            Assert.Equal(SyscallError.None, CapabilityOperations.Copy(space.Root(2), space.Root(3), CapRights.Read));
            Assert.False(CapabilityOperations.IsFinal(space.Root(2)));
            Assert.Equal(SyscallError.None, CapabilityOperations.Delete(space.Root(2), ref _hooks));
            Assert.True(CapabilityOperations.IsFinal(space.Root(3)));
            Assert.True(space.Root(3)->Parent == null && space.Root(3)->NextSibling == null);
        }
    }
}
