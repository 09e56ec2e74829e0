// Page tables and frames: PageTableMap installs the missing level (3, 2, 1) and refuses a mapped table, a
// full path, a 2 MiB page in the way and addresses beyond the user half; FrameMap's every refusal
// (rights, W^X, alignment, bad addresses, taken addresses, missing tables with the level to map, rights
// the capability lacks); FrameUnmap and FrameProtect with theirs; 2 MiB frames; copies start unmapped.
using MinimalOS.Abi;
using MinimalOS.Tests.User.Framework;
using MinimalOS.Tests.User.Support;
using MinimalOS.User.Runtime;

namespace MinimalOS.Tests.User.Tests
{
    internal static unsafe class MemoryTests
    {
        public static void Register()
        {
            UserTestRunner.Add("Memory.PageTablesInstallLevel3Then2Then1", &PageTablesInstallLevel3Then2Then1);
            UserTestRunner.Add("Memory.PageTableMapRefusals", &PageTableMapRefusals);
            UserTestRunner.Add("Memory.FrameMapReadsAndWrites", &FrameMapReadsAndWrites);
            UserTestRunner.Add("Memory.FrameMapRefusesBadRights", &FrameMapRefusesBadRights);
            UserTestRunner.Add("Memory.FrameMapRefusesWritableAndExecutable", &FrameMapRefusesWritableAndExecutable);
            UserTestRunner.Add("Memory.FrameMapRefusesMisalignedAddresses", &FrameMapRefusesMisalignedAddresses);
            UserTestRunner.Add("Memory.FrameMapRefusesBadAddresses", &FrameMapRefusesBadAddresses);
            UserTestRunner.Add("Memory.FrameMapRefusesOverlaps", &FrameMapRefusesOverlaps);
            UserTestRunner.Add("Memory.FrameMapNeedsTheRights", &FrameMapNeedsTheRights);
            UserTestRunner.Add("Memory.LargeFrameMapsWithoutAPageTable", &LargeFrameMapsWithoutAPageTable);
            UserTestRunner.Add("Memory.FrameUnmapAndCopiesStartUnmapped", &FrameUnmapAndCopiesStartUnmapped);
            UserTestRunner.Add("Memory.FrameProtect", &FrameProtect);
            UserTestRunner.Add("Memory.WriteToAReadOnlyMappingFaults", &WriteToAReadOnlyMappingFaults);
        }

        private static void PageTablesInstallLevel3Then2Then1()
        {
            ulong address = TestEnvironment.Region + 0x1234_5000;
            CapSlot frame = Objects.Make(ObjectType.Frame, Objects.SmallFrameBits);
            for (ulong level = 3; level >= 1; level--)
            {
                Check.Error(SyscallError.MissingPageTable, Syscalls.FrameMap(frame, TestEnvironment.AddressSpace, address, Mapping.ReadWrite, FrameCache.WriteBack, out ulong missing), "FrameMap before the tables exist");
                Check.Equal(level, missing, "the level FrameMap says is missing (result 0)");
                CapSlot table = Objects.Make(ObjectType.PageTable);
                Check.Ok(Syscalls.PageTableMap(table, TestEnvironment.AddressSpace, address, out ulong installed), "PageTableMap");
                Check.Equal(level, installed, "the level the table became (result 0)");
            }
            Check.Ok(Syscalls.FrameMap(frame, TestEnvironment.AddressSpace, address, Mapping.ReadWrite, FrameCache.WriteBack, out _), "FrameMap once every table is there");
            Check.Equal(address, Objects.DetailOf(frame), "the frame's mapped address");
        }

        private static void PageTableMapRefusals()
        {
            ulong address = TestEnvironment.Region;
            CapSlot pdpt = Objects.Make(ObjectType.PageTable);
            Check.Ok(Syscalls.PageTableMap(pdpt, TestEnvironment.AddressSpace, address, out _), "PageTableMap (PDPT)");
            Check.Error(SyscallError.AlreadyMapped, Syscalls.PageTableMap(pdpt, TestEnvironment.AddressSpace, address + (1UL << 30), out _), "PageTableMap of a table that is mapped already");
            CapSlot pd = Objects.Make(ObjectType.PageTable);
            Check.Ok(Syscalls.PageTableMap(pd, TestEnvironment.AddressSpace, address, out _), "PageTableMap (page directory)");
            CapSlot pt = Objects.Make(ObjectType.PageTable);
            Check.Ok(Syscalls.PageTableMap(pt, TestEnvironment.AddressSpace, address, out _), "PageTableMap (page table)");
            CapSlot extra = Objects.Make(ObjectType.PageTable);
            Check.Error(SyscallError.AlreadyMapped, Syscalls.PageTableMap(extra, TestEnvironment.AddressSpace, address + 0x5000, out _), "PageTableMap where every level is present");
            CapSlot large = Objects.Make(ObjectType.Frame, Objects.LargeFrameBits);
            ulong largeAddress = address + (1UL << 21);
            Check.Ok(Syscalls.FrameMap(large, TestEnvironment.AddressSpace, largeAddress, CapRights.Read, FrameCache.WriteBack, out _), "FrameMap(2 MiB frame)");
            Check.Error(SyscallError.AlreadyMapped, Syscalls.PageTableMap(extra, TestEnvironment.AddressSpace, largeAddress + 0x3000, out _), "PageTableMap where a 2 MiB page is in the way");
            Check.Error(SyscallError.BadAddress, Syscalls.PageTableMap(extra, TestEnvironment.AddressSpace, 0x0000_8000_0000_0000, out _), "PageTableMap at the end of the user half");
            Check.Error(SyscallError.BadAddress, Syscalls.PageTableMap(extra, TestEnvironment.AddressSpace, BadPointers.KernelHalf, out _), "PageTableMap in the kernel half");
            CapSlot readOnlySpace = Objects.Copy(TestEnvironment.AddressSpace, CapRights.Read);
            Check.Error(SyscallError.InsufficientRights, Syscalls.PageTableMap(extra, readOnlySpace, address + (1UL << 30), out _), "PageTableMap through an address-space copy without Write");
            Check.Error(SyscallError.WrongType, Syscalls.PageTableMap(large, TestEnvironment.AddressSpace, address + (1UL << 30), out _), "PageTableMap of a frame");
            Check.Error(SyscallError.WrongType, Syscalls.PageTableMap(extra, TestEnvironment.Thread, address + (1UL << 30), out _), "PageTableMap into a thread capability");
        }

        private static void FrameMapReadsAndWrites()
        {
            ulong address = TestEnvironment.Region + 0x7000;
            CapSlot frame = Mapping.MapNewFrame(address, Mapping.ReadWrite);
            *(ulong*)address = 0x1122334455667788;
            *(ulong*)(address + 4088) = 42;
            Check.Equal(0x1122334455667788, *(ulong*)address, "a word written through the new mapping");
            CapSlot copy = Objects.Copy(frame, CapRights.Read);
            Mapping.Map(copy, TestEnvironment.AddressSpace, address + 0x1000, CapRights.Read);
            Check.Equal(42, *(ulong*)(address + 0x1000 + 4088), "the same frame read through a second mapping (a copy)");
            Check.Ok(Syscalls.FrameMap(Objects.Make(ObjectType.Frame, 12), TestEnvironment.AddressSpace, address + 0x2000, CapRights.Read, FrameCache.WriteCombining, out _), "FrameMap write-combining");
            Check.Ok(Syscalls.FrameMap(Objects.Make(ObjectType.Frame, 12), TestEnvironment.AddressSpace, address + 0x3000, CapRights.Read, FrameCache.Uncached, out _), "FrameMap uncached");
            Check.Ok(Syscalls.FrameMap(Objects.Make(ObjectType.Frame, 12), TestEnvironment.AddressSpace, address + 0x4000, Mapping.ReadExecute, FrameCache.WriteBack, out _), "FrameMap read+execute");
        }

        private static void FrameMapRefusesBadRights()
        {
            ulong address = TestEnvironment.Region;
            Mapping.MapTablesFor(TestEnvironment.AddressSpace, address);
            CapSlot frame = Objects.Make(ObjectType.Frame, Objects.SmallFrameBits);
            Check.Error(SyscallError.InvalidArgument, Map(frame, address, CapRights.Read | CapRights.Grant, FrameCache.WriteBack), "FrameMap with Grant");
            Check.Error(SyscallError.InvalidArgument, Map(frame, address, CapRights.Read | CapRights.Revoke, FrameCache.WriteBack), "FrameMap with Revoke");
            Check.Error(SyscallError.InvalidArgument, Map(frame, address, CapRights.Write, FrameCache.WriteBack), "FrameMap without Read (Write only)");
            Check.Error(SyscallError.InvalidArgument, Map(frame, address, CapRights.None, FrameCache.WriteBack), "FrameMap with no rights");
            Check.Error(SyscallError.InvalidArgument, Map(frame, address, CapRights.Read, (FrameCache)3), "FrameMap with cache type 3");
            Check.Error(SyscallError.InvalidArgument, Syscalls.Raw((long)Syscall.FrameMap, frame.Encoded, TestEnvironment.AddressSpace.Encoded, address, 1UL << 32, 0).Error, "FrameMap with rights bit 32");
            Check.Equal(0, Objects.DetailOf(frame), "the frame stays unmapped");
        }

        private static void FrameMapRefusesWritableAndExecutable()
        {
            ulong address = TestEnvironment.Region;
            Mapping.MapTablesFor(TestEnvironment.AddressSpace, address);
            CapSlot frame = Objects.Make(ObjectType.Frame, Objects.SmallFrameBits);
            Check.Error(SyscallError.IllegalOperation, Map(frame, address, CapRights.Read | CapRights.Write | CapRights.Execute, FrameCache.WriteBack), "FrameMap read+write+execute");
            Check.Equal(0, Objects.DetailOf(frame), "the frame stays unmapped");
        }

        private static void FrameMapRefusesMisalignedAddresses()
        {
            ulong address = TestEnvironment.Region;
            Mapping.MapTablesFor(TestEnvironment.AddressSpace, address);
            CapSlot frame = Objects.Make(ObjectType.Frame, Objects.SmallFrameBits);
            Check.Error(SyscallError.Alignment, Map(frame, address + 8, CapRights.Read, FrameCache.WriteBack), "FrameMap at page + 8");
            Check.Error(SyscallError.Alignment, Map(frame, address + 0x800, CapRights.Read, FrameCache.WriteBack), "FrameMap at page + 0x800");
            CapSlot large = Objects.Make(ObjectType.Frame, Objects.LargeFrameBits);
            Check.Error(SyscallError.Alignment, Map(large, address + (1UL << 30) + 0x1000, CapRights.Read, FrameCache.WriteBack), "FrameMap of a 2 MiB frame at a 4 KiB boundary");
        }

        private static void FrameMapRefusesBadAddresses()
        {
            CapSlot frame = Objects.Make(ObjectType.Frame, Objects.SmallFrameBits);
            Check.Error(SyscallError.BadAddress, Map(frame, 0, CapRights.Read, FrameCache.WriteBack), "FrameMap at page 0");
            Check.Error(SyscallError.BadAddress, Map(frame, BadPointers.KernelHalf, CapRights.Read, FrameCache.WriteBack), "FrameMap in the kernel half");
            Check.Error(SyscallError.BadAddress, Map(frame, 0xFFFF_FFFF_8010_0000, CapRights.Read, FrameCache.WriteBack), "FrameMap over the kernel's text");
            Check.Error(SyscallError.BadAddress, Map(frame, BadPointers.NonCanonicalLow, CapRights.Read, FrameCache.WriteBack), "FrameMap at 0x0000800000000000");
            Check.Error(SyscallError.BadAddress, Map(frame, 0x1234_5678_1234_5000, CapRights.Read, FrameCache.WriteBack), "FrameMap at a non-canonical address");
            Check.Error(SyscallError.BadAddress, Map(frame, 0x0000_7FFF_FFFF_F000, CapRights.Read, FrameCache.WriteBack), "FrameMap at the last user page (never mapped)");
            Check.Equal(0, Objects.DetailOf(frame), "the frame stays unmapped");
        }

        private static void FrameMapRefusesOverlaps()
        {
            ulong address = TestEnvironment.Region;
            CapSlot frame = Mapping.MapNewFrame(address, CapRights.Read);
            Check.Error(SyscallError.AlreadyMapped, Map(frame, address + 0x1000, CapRights.Read, FrameCache.WriteBack), "FrameMap of a capability that is mapped already");
            CapSlot other = Objects.Make(ObjectType.Frame, Objects.SmallFrameBits);
            Check.Error(SyscallError.AlreadyMapped, Map(other, address, CapRights.Read, FrameCache.WriteBack), "FrameMap at an address that is taken");
            CapSlot large = Objects.Make(ObjectType.Frame, Objects.LargeFrameBits);
            Check.Error(SyscallError.AlreadyMapped, Map(large, address, CapRights.Read, FrameCache.WriteBack), "FrameMap of a 2 MiB frame over a page table in use");
            Check.Error(SyscallError.AlreadyMapped, Syscalls.FrameMap(TestEnvironment.BootInfoFrame, TestEnvironment.AddressSpace, address + 0x1000, CapRights.Read, FrameCache.WriteBack, out _), "FrameMap of the (mapped) boot-info frame");
            ulong largeAddress = address + (1UL << 21);
            Check.Ok(Map(large, largeAddress, CapRights.Read, FrameCache.WriteBack), "FrameMap(2 MiB frame) next to it");
            Check.Error(SyscallError.AlreadyMapped, Map(other, largeAddress + 0x5000, CapRights.Read, FrameCache.WriteBack), "FrameMap of a 4 KiB frame inside a 2 MiB mapping");
        }

        private static void FrameMapNeedsTheRights()
        {
            ulong address = TestEnvironment.Region;
            Mapping.MapTablesFor(TestEnvironment.AddressSpace, address);
            CapSlot frame = Objects.Make(ObjectType.Frame, Objects.SmallFrameBits);
            CapSlot readOnly = Objects.Copy(frame, CapRights.Read);
            Check.Error(SyscallError.InsufficientRights, Map(readOnly, address, Mapping.ReadWrite, FrameCache.WriteBack), "FrameMap read+write of a Read copy");
            Check.Error(SyscallError.InsufficientRights, Map(readOnly, address, Mapping.ReadExecute, FrameCache.WriteBack), "FrameMap read+execute of a Read copy");
            CapSlot writeOnly = Objects.Copy(frame, CapRights.Write);
            Check.Error(SyscallError.InsufficientRights, Map(writeOnly, address, CapRights.Read, FrameCache.WriteBack), "FrameMap read of a Write copy");
            CapSlot readOnlySpace = Objects.Copy(TestEnvironment.AddressSpace, CapRights.Read);
            Check.Error(SyscallError.InsufficientRights, Syscalls.FrameMap(frame, readOnlySpace, address, CapRights.Read, FrameCache.WriteBack, out _), "FrameMap into an address-space copy without Write");
            Check.Error(SyscallError.WrongType, Syscalls.FrameMap(TestEnvironment.Thread, TestEnvironment.AddressSpace, address, CapRights.Read, FrameCache.WriteBack, out _), "FrameMap of a thread capability");
            Check.Error(SyscallError.WrongType, Syscalls.FrameMap(frame, TestEnvironment.CNode, address, CapRights.Read, FrameCache.WriteBack, out _), "FrameMap into a CNode capability");
            Check.Ok(Map(readOnly, address, CapRights.Read, FrameCache.WriteBack), "FrameMap read of a Read copy");
        }

        private static void LargeFrameMapsWithoutAPageTable()
        {
            ulong address = TestEnvironment.Region + (3UL << 21);
            CapSlot large = Objects.Make(ObjectType.Frame, Objects.LargeFrameBits);
            Check.Error(SyscallError.MissingPageTable, Map(large, address, Mapping.ReadWrite, FrameCache.WriteBack), "FrameMap(2 MiB) with no tables");
            Check.Ok(Syscalls.PageTableMap(Objects.Make(ObjectType.PageTable), TestEnvironment.AddressSpace, address, out _), "PageTableMap (PDPT)");
            Check.Error(SyscallError.MissingPageTable, Syscalls.FrameMap(large, TestEnvironment.AddressSpace, address, Mapping.ReadWrite, FrameCache.WriteBack, out ulong missing), "FrameMap(2 MiB) with a PDPT only");
            Check.Equal(2, missing, "the level a 2 MiB frame needs (a page directory)");
            Check.Ok(Syscalls.PageTableMap(Objects.Make(ObjectType.PageTable), TestEnvironment.AddressSpace, address, out _), "PageTableMap (page directory)");
            Check.Ok(Map(large, address, Mapping.ReadWrite, FrameCache.WriteBack), "FrameMap(2 MiB) with a page directory");
            *(ulong*)(address + (1UL << 21) - 8) = 77;
            Check.Equal(77, *(ulong*)(address + (1UL << 21) - 8), "the last word of the 2 MiB mapping");
        }

        private static void FrameUnmapAndCopiesStartUnmapped()
        {
            ulong address = TestEnvironment.Region;
            CapSlot frame = Mapping.MapNewFrame(address, CapRights.Read);
            CapSlot copy = Objects.Copy(frame, CapRights.All);
            Check.Equal(0, Objects.DetailOf(copy), "a copy of a mapped frame starts unmapped");
            Check.Error(SyscallError.NotMapped, Syscalls.FrameUnmap(copy), "FrameUnmap of the unmapped copy");
            Check.Ok(Syscalls.FrameUnmap(frame), "FrameUnmap");
            Check.Equal(0, Objects.DetailOf(frame), "the frame's address after FrameUnmap");
            Check.Error(SyscallError.NotMapped, Syscalls.FrameUnmap(frame), "FrameUnmap twice");
            Check.Ok(Map(copy, address, CapRights.Read, FrameCache.WriteBack), "FrameMap of the copy at the freed address");
            Check.Error(SyscallError.WrongType, Syscalls.FrameUnmap(TestEnvironment.Thread), "FrameUnmap of a thread capability");
            Check.Error(SyscallError.SlotEmpty, Syscalls.FrameUnmap(TestEnvironment.Root.Slot(0)), "FrameUnmap of empty slot 0");
        }

        private static void FrameProtect()
        {
            ulong address = TestEnvironment.Region;
            CapSlot frame = Mapping.MapNewFrame(address, Mapping.ReadWrite);
            Check.Ok(Syscalls.FrameProtect(frame, CapRights.Read), "FrameProtect to read-only");
            Check.Ok(Syscalls.FrameProtect(frame, Mapping.ReadExecute), "FrameProtect to read+execute");
            Check.Error(SyscallError.IllegalOperation, Syscalls.FrameProtect(frame, CapRights.Read | CapRights.Write | CapRights.Execute), "FrameProtect to read+write+execute");
            Check.Error(SyscallError.InvalidArgument, Syscalls.FrameProtect(frame, CapRights.Read | CapRights.Grant), "FrameProtect with Grant");
            Check.Error(SyscallError.InvalidArgument, Syscalls.FrameProtect(frame, CapRights.Write), "FrameProtect without Read");
            CapSlot readOnly = Objects.Copy(frame, CapRights.Read);
            Check.Error(SyscallError.NotMapped, Syscalls.FrameProtect(readOnly, CapRights.Read), "FrameProtect of an unmapped copy");
            Mapping.Map(readOnly, TestEnvironment.AddressSpace, address + 0x1000, CapRights.Read);
            Check.Error(SyscallError.InsufficientRights, Syscalls.FrameProtect(readOnly, Mapping.ReadWrite), "FrameProtect of a Read copy to read+write");
            Check.Ok(Syscalls.FrameProtect(frame, Mapping.ReadWrite), "FrameProtect back to read+write");
            *(ulong*)address = 5;
            Check.Equal(5, *(ulong*)(address + 0x1000), "the write seen through the read-only mapping of the copy");
        }

        private static void WriteToAReadOnlyMappingFaults()
        {
            ulong address = TestEnvironment.Region;
            CapSlot frame = Mapping.MapNewFrame(address, Mapping.ReadWrite);
            CapSlot writer = TestThreads.Configured(TestEnvironment.Process, ThreadBlobs.Address(ThreadBlob.Write), TestEnvironment.Region, address);
            TestThreads.ExpectExit(writer, 0, "a thread writing the read+write mapping");
            Check.Equal(1, *(ulong*)address, "the word the thread wrote");
            Check.Ok(Syscalls.FrameProtect(frame, CapRights.Read), "FrameProtect to read-only");
            CapSlot second = TestThreads.Configured(TestEnvironment.Process, ThreadBlobs.Address(ThreadBlob.Write), TestEnvironment.Region, address);
            TestThreads.ExpectFault(second, 14, "a thread writing the mapping after FrameProtect to read-only (every CPU forgot the old rights)");
            CapSlot reader = TestThreads.Configured(TestEnvironment.Process, ThreadBlobs.Address(ThreadBlob.Read), TestEnvironment.Region, address);
            TestThreads.ExpectExit(reader, 0, "a thread reading the read-only mapping");
            Check.Ok(Syscalls.FrameUnmap(frame), "FrameUnmap");
            CapSlot late = TestThreads.Configured(TestEnvironment.Process, ThreadBlobs.Address(ThreadBlob.Read), TestEnvironment.Region, address);
            TestThreads.ExpectFault(late, 14, "a thread reading the address after FrameUnmap");
        }

        private static SyscallError Map(CapSlot frame, ulong address, CapRights rights, FrameCache cache) =>
            Syscalls.FrameMap(frame, TestEnvironment.AddressSpace, address, rights, cache, out _);
    }
}
