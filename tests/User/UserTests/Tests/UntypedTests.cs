// UntypedRetype: every object type it can make, every refusal docs/SYSCALLS.md names (InvalidArgument for
// types it cannot make, Range for size bits, counts and slots, SlotOccupied, OutOfMemory when the untyped
// is exhausted, rights and types of both capabilities), that objects come zeroed, and that revoking the
// untyped gives every byte back.
using MinimalOS.Abi;
using MinimalOS.Tests.User.Framework;
using MinimalOS.Tests.User.Support;
using MinimalOS.User.Runtime;

namespace MinimalOS.Tests.User.Tests
{
    internal static unsafe class UntypedTests
    {
        public static void Register()
        {
            UserTestRunner.Add("Untyped.RetypesEveryType", &RetypesEveryType);
            UserTestRunner.Add("Untyped.RefusesTypesItCannotMake", &RefusesTypesItCannotMake);
            UserTestRunner.Add("Untyped.SizeBitsAndCountsInRange", &SizeBitsAndCountsInRange);
            UserTestRunner.Add("Untyped.DestinationSlotsMustBeFreeAndInside", &DestinationSlotsMustBeFreeAndInside);
            UserTestRunner.Add("Untyped.NeedsWriteAndTheRightTypes", &NeedsWriteAndTheRightTypes);
            UserTestRunner.Add("Untyped.RetypeUntilOutOfMemory", &RetypeUntilOutOfMemory);
            UserTestRunner.Add("Untyped.ObjectsComeZeroed", &ObjectsComeZeroed);
            UserTestRunner.Add("Untyped.RevokeReclaimsEverything", &RevokeReclaimsEverything);
            UserTestRunner.Add("Untyped.DeleteRevokesFirst", &DeleteRevokesFirst);
        }

        private static void RetypesEveryType()
        {
            // Largest first: each object is aligned to its size, so this order wastes nothing of the 8 MiB.
            Expect(ObjectType.CNode, 16);
            Expect(ObjectType.Frame, 21);
            Expect(ObjectType.Untyped, 12);
            Expect(ObjectType.CNode, 1);
            Expect(ObjectType.Frame, 12);
            Expect(ObjectType.PageTable, 0);
            Expect(ObjectType.AddressSpace, 0);
            Expect(ObjectType.Thread, 0);
            Expect(ObjectType.Process, 0);
            Expect(ObjectType.Endpoint, 0);
            Expect(ObjectType.Notification, 0);
            uint first = TestEnvironment.NewSlotIndex();
            for (int i = 1; i < 256; i++)
                TestEnvironment.NewSlotIndex();
            Check.Ok(Syscalls.UntypedRetype(TestEnvironment.TestUntyped, ObjectType.Endpoint, 0, TestEnvironment.CNode, first, 256), "UntypedRetype of 256 endpoints at once");
            Check.Equal((ulong)ObjectType.Endpoint, (ulong)Objects.TypeOf(TestEnvironment.Root.Slot(first + 255)), "the 256th endpoint");
        }

        private static void Expect(ObjectType type, ulong sizeBits)
        {
            CapSlot slot = Objects.Make(type, sizeBits);
            Check.Equal((ulong)type, (ulong)Objects.TypeOf(slot), "the type of a retyped object");
            Check.Equal((ulong)CapRights.All, (ulong)Objects.RightsOf(slot), "the rights of a retyped object");
        }

        private static void RefusesTypesItCannotMake()
        {
            ObjectType[] refused = { ObjectType.Null, ObjectType.DebugLog, ObjectType.IrqControl, ObjectType.IoPortControl, (ObjectType)13, (ObjectType)200 };
            for (int i = 0; i < refused.Length; i++)
                Check.Error(SyscallError.InvalidArgument, Retype(refused[i], 12, TestEnvironment.NewSlotIndex(), 1), "UntypedRetype of a type retype cannot make");
            Check.Error(SyscallError.InvalidArgument, Syscalls.Raw((long)Syscall.UntypedRetype, TestEnvironment.TestUntyped.Encoded, 0x103, 12, TestEnvironment.CNode.Encoded, TestEnvironment.NewSlotIndex(), 1).Error, "UntypedRetype of type 0x103");
            Check.Equal(TestEnvironment.TestUntypedBytes, TestEnvironment.TestUntypedFreeBytes(), "no memory used by the refusals");
        }

        private static void SizeBitsAndCountsInRange()
        {
            uint slot = TestEnvironment.NewSlotIndex();
            Check.Error(SyscallError.Range, Retype(ObjectType.Untyped, 11, slot, 1), "UntypedRetype(Untyped, 11 bits)");
            Check.Error(SyscallError.Range, Retype(ObjectType.Untyped, 48, slot, 1), "UntypedRetype(Untyped, 48 bits)");
            Check.Error(SyscallError.Range, Retype(ObjectType.Frame, 13, slot, 1), "UntypedRetype(Frame, 13 bits)");
            Check.Error(SyscallError.Range, Retype(ObjectType.Frame, 30, slot, 1), "UntypedRetype(Frame, 30 bits)");
            Check.Error(SyscallError.Range, Retype(ObjectType.CNode, 0, slot, 1), "UntypedRetype(CNode, radix 0)");
            Check.Error(SyscallError.Range, Retype(ObjectType.CNode, 17, slot, 1), "UntypedRetype(CNode, radix 17)");
            Check.Error(SyscallError.Range, Retype(ObjectType.Frame, 12, slot, 0), "UntypedRetype of count 0");
            Check.Error(SyscallError.Range, Retype(ObjectType.Frame, 12, slot, 257), "UntypedRetype of count 257");
            Check.Error(SyscallError.OutOfMemory, Retype(ObjectType.Untyped, 24, slot, 1), "UntypedRetype of a 16 MiB untyped from the 8 MiB test untyped");
            Check.Ok(Retype(ObjectType.Thread, 63, slot, 1), "UntypedRetype(Thread) ignores the size bits of a fixed-size type");
            Check.Equal(TestEnvironment.TestUntypedBytes - 32 * 1024, TestEnvironment.TestUntypedFreeBytes(), "a thread is 32 KiB");
        }

        private static void DestinationSlotsMustBeFreeAndInside()
        {
            uint first = TestEnvironment.NewSlotIndex();
            TestEnvironment.NewSlotIndex();
            uint third = TestEnvironment.NewSlotIndex();
            Check.Ok(Syscalls.CapCopy(TestEnvironment.DebugLog, TestEnvironment.Root.Slot(third), CapRights.All), "CapCopy into the third slot");
            Check.Error(SyscallError.SlotOccupied, Retype(ObjectType.Frame, 12, first, 3), "UntypedRetype over three slots, the last one occupied");
            Check.Equal(0, (ulong)Objects.TypeOf(TestEnvironment.Root.Slot(first)), "no object made when a later slot is occupied");
            Check.Equal(TestEnvironment.TestUntypedBytes, TestEnvironment.TestUntypedFreeBytes(), "no memory used when a slot is occupied");
            Check.Error(SyscallError.Range, Retype(ObjectType.Frame, 12, 4096, 1), "UntypedRetype into slot 4096 of the root CNode");
            Check.Error(SyscallError.Range, Retype(ObjectType.Frame, 12, 4095, 2), "UntypedRetype of 2 objects from slot 4095");
        }

        private static void NeedsWriteAndTheRightTypes()
        {
            uint slot = TestEnvironment.NewSlotIndex();
            CapSlot child = Objects.Make(ObjectType.Untyped, 16);
            CapSlot readOnlyCNode = Objects.Copy(TestEnvironment.CNode, CapRights.Read);
            Check.Error(SyscallError.InsufficientRights, Syscalls.UntypedRetype(TestEnvironment.TestUntyped, ObjectType.Frame, 12, readOnlyCNode, slot, 1), "UntypedRetype into a CNode copy without Write");
            Check.Error(SyscallError.WrongType, Syscalls.UntypedRetype(TestEnvironment.Thread, ObjectType.Frame, 12, TestEnvironment.CNode, slot, 1), "UntypedRetype from a thread capability");
            Check.Error(SyscallError.WrongType, Syscalls.UntypedRetype(child, ObjectType.Frame, 12, TestEnvironment.DebugLog, slot, 1), "UntypedRetype into a DebugLog capability");
            Check.Error(SyscallError.SlotEmpty, Syscalls.UntypedRetype(TestEnvironment.Root.Slot(0), ObjectType.Frame, 12, TestEnvironment.CNode, slot, 1), "UntypedRetype from empty slot 0");
            Check.Error(SyscallError.InvalidCapability, Syscalls.UntypedRetype(CapSlot.FromRegister(0), ObjectType.Frame, 12, TestEnvironment.CNode, slot, 1), "UntypedRetype from slot value 0 (depth 0)");
            Check.Ok(Syscalls.UntypedRetype(child, ObjectType.Frame, 12, TestEnvironment.CNode, slot, 1), "UntypedRetype from a child untyped");
        }

        private static void RetypeUntilOutOfMemory()
        {
            CapSlot small = Objects.Make(ObjectType.Untyped, 16);
            Check.Equal(65536, Objects.DetailOf(small), "a new 64 KiB untyped's free bytes");
            uint first = TestEnvironment.NewSlotIndex();
            for (int i = 1; i < 17; i++)
                TestEnvironment.NewSlotIndex();
            Check.Error(SyscallError.OutOfMemory, Syscalls.UntypedRetype(small, ObjectType.Frame, 12, TestEnvironment.CNode, first, 17), "UntypedRetype of 17 frames from 64 KiB");
            Check.Equal(0, (ulong)Objects.TypeOf(TestEnvironment.Root.Slot(first)), "nothing made by a retype that did not fit");
            int made = 0;
            SyscallError error = SyscallError.None;
            for (; made <= 16; made++)
            {
                error = Syscalls.UntypedRetype(small, ObjectType.Frame, 12, TestEnvironment.CNode, first + (uint)made, 1);
                if (error != SyscallError.None)
                    break;
            }
            Check.Error(SyscallError.OutOfMemory, error, "UntypedRetype once 64 KiB are used up");
            Check.Equal(16, (ulong)made, "4 KiB frames that fit in 64 KiB");
            Check.Equal(0, Objects.DetailOf(small), "the exhausted untyped's free bytes");
            Check.Ok(Syscalls.CapRevoke(small), "CapRevoke(exhausted untyped)");
            Check.Equal(65536, Objects.DetailOf(small), "free bytes after revoking it");
            Check.Ok(Syscalls.UntypedRetype(small, ObjectType.Frame, 12, TestEnvironment.CNode, first, 16), "UntypedRetype of 16 frames again");
        }

        private static void ObjectsComeZeroed()
        {
            ulong address = TestEnvironment.Region;
            CapSlot frame = Mapping.MapNewFrame(address, Mapping.ReadWrite);
            ulong* words = (ulong*)address;
            for (int i = 0; i < 512; i++)
                Check.Equal(0, words[i], "a word of a new frame");
            for (int i = 0; i < 512; i++)
                words[i] = 0xA5A5A5A5A5A5A5A5;
            Check.Ok(Syscalls.CapRevoke(TestEnvironment.TestUntyped), "CapRevoke(test untyped)");
            Check.Equal(TestEnvironment.TestUntypedBytes, TestEnvironment.TestUntypedFreeBytes(), "free bytes after the revoke");
            // The same memory again (the watermark started from 0): it must come zeroed once more.
            Mapping.MapNewFrame(address, Mapping.ReadWrite);
            for (int i = 0; i < 512; i++)
                Check.Equal(0, words[i], "a word of a frame carved from reused memory");
        }

        private static void RevokeReclaimsEverything()
        {
            CapSlot child = Objects.Make(ObjectType.Untyped, 20);
            uint first = TestEnvironment.NewSlotIndex();
            for (int i = 1; i < 8; i++)
                TestEnvironment.NewSlotIndex();
            Check.Ok(Syscalls.UntypedRetype(child, ObjectType.Untyped, 16, TestEnvironment.CNode, first, 4), "UntypedRetype of four 64 KiB untypeds");
            Check.Ok(Syscalls.UntypedRetype(TestEnvironment.Root.Slot(first), ObjectType.Thread, 0, TestEnvironment.CNode, first + 4, 1), "UntypedRetype(Thread) from a grandchild untyped");
            Check.Ok(Syscalls.UntypedRetype(TestEnvironment.Root.Slot(first + 1), ObjectType.Frame, 12, TestEnvironment.CNode, first + 5, 2), "UntypedRetype of 2 frames from another");
            Check.Equal((1UL << 20) - 4 * 65536 + (65536 - 32768) + (65536 - 8192) + 2 * 65536, Objects.DetailOf(child), "the child's free bytes count every untyped made from it");
            Check.Ok(Syscalls.CapRevoke(child), "CapRevoke(child untyped)");
            Check.Equal(1UL << 20, Objects.DetailOf(child), "the child's free bytes after the revoke");
            for (uint i = 0; i < 6; i++)
                Check.Equal(0, (ulong)Objects.TypeOf(TestEnvironment.Root.Slot(first + i)), "a slot filled from the revoked untyped");
        }

        private static void DeleteRevokesFirst()
        {
            CapSlot child = Objects.Make(ObjectType.Untyped, 16);
            uint frame = TestEnvironment.NewSlotIndex();
            Check.Ok(Syscalls.UntypedRetype(child, ObjectType.Frame, 12, TestEnvironment.CNode, frame, 1), "UntypedRetype(Frame) from a child untyped");
            Check.Ok(Syscalls.CapDelete(child), "CapDelete(child untyped)");
            Check.Equal(0, (ulong)Objects.TypeOf(TestEnvironment.Root.Slot(frame)), "the frame made from the deleted untyped");
            Check.Equal(TestEnvironment.TestUntypedBytes, TestEnvironment.TestUntypedFreeBytes(), "the test untyped's free bytes once the child is deleted");
        }

        private static SyscallError Retype(ObjectType type, ulong sizeBits, uint slot, ulong count) =>
            Syscalls.UntypedRetype(TestEnvironment.TestUntyped, type, sizeBits, TestEnvironment.CNode, slot, count);
    }
}
