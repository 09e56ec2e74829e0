// Mapping frames for a test: FrameMap, and on MissingPageTable a page table made from the test untyped and
// installed at the level the kernel named, until the frame maps (at most three tables on the way).
using MinimalOS.Abi;
using MinimalOS.Tests.User.Framework;
using MinimalOS.User.Runtime;

namespace MinimalOS.Tests.User.Support
{
    internal static class Mapping
    {
        public const CapRights ReadWrite = CapRights.Read | CapRights.Write;
        public const CapRights ReadExecute = CapRights.Read | CapRights.Execute;

        public static void Map(CapSlot frame, CapSlot space, ulong address, CapRights rights)
        {
            for (int tables = 0; tables <= 3; tables++)
            {
                SyscallError error = Syscalls.FrameMap(frame, space, address, rights, FrameCache.WriteBack, out ulong missing);
                if (error != SyscallError.MissingPageTable)
                {
                    Check.Ok(error, "set-up: FrameMap");
                    return;
                }
                CapSlot table = Objects.Make(ObjectType.PageTable);
                Check.Ok(Syscalls.PageTableMap(table, space, address, out ulong level), "set-up: PageTableMap");
                Check.Equal(missing, level, "set-up: PageTableMap level (the one FrameMap said was missing)");
            }
            Check.Fail("set-up: FrameMap", "still MissingPageTable after three page tables");
        }

        /// <summary>A new 4 KiB frame mapped at <paramref name="address"/> of the root address space; its slot.</summary>
        public static CapSlot MapNewFrame(ulong address, CapRights rights) => MapNewFrame(TestEnvironment.AddressSpace, address, rights);

        public static CapSlot MapNewFrame(CapSlot space, ulong address, CapRights rights)
        {
            CapSlot frame = Objects.Make(ObjectType.Frame, Objects.SmallFrameBits);
            Map(frame, space, address, rights);
            return frame;
        }

        /// <summary>Page tables down to level 1 for <paramref name="address"/>, without a frame (for tests of FrameMap itself).</summary>
        public static void MapTablesFor(CapSlot space, ulong address)
        {
            CapSlot probe = Objects.Make(ObjectType.Frame, Objects.SmallFrameBits);
            Map(probe, space, address, CapRights.Read);
            Check.Ok(Syscalls.FrameUnmap(probe), "set-up: FrameUnmap");
        }
    }
}
