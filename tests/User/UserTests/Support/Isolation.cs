// A second process for isolation tests: its own CNode (empty: it is given nothing), address space,
// process object and threads. The only thing mapped in its address space is a copy of the root task's
// frame holding the thread blobs (Native/thread_blobs.asm), at the same address and read+execute, so its
// threads can run them and nothing else of the root task's memory is there.
using MinimalOS.Abi;
using MinimalOS.Tests.User.Framework;
using MinimalOS.User.Runtime;

namespace MinimalOS.Tests.User.Support
{
    internal static class Isolation
    {
        public const int ChildCNodeRadix = 12;

        /// <summary>A canonical user address for rsp that nothing maps (the blobs use no stack).</summary>
        public const ulong ChildStack = 0x0000_0100_0000_0000;

        /// <summary>A process with a fresh, empty CNode and a fresh address space holding only the blob page; its slot.</summary>
        public static CapSlot NewProcess()
        {
            CapSlot process = Objects.Make(ObjectType.Process);
            CapSlot space = Objects.Make(ObjectType.AddressSpace);
            Check.Ok(Syscalls.ProcessCreate(process, Objects.Make(ObjectType.CNode, ChildCNodeRadix), space), "set-up: ProcessCreate");
            MapBlobPage(space);
            return process;
        }

        /// <summary>Maps a copy of the root task's blob frame into <paramref name="space"/> at its own address.</summary>
        public static void MapBlobPage(CapSlot space)
        {
            ulong page = ThreadBlobs.Page;
            BootInfo info = TestEnvironment.BootInfo;
            for (uint index = info.FirstImageSlot; index < info.ImageSlotEnd; index++)
            {
                CapSlot slot = TestEnvironment.Root.Slot(index);
                Check.Ok(Syscalls.CapIdentify(slot, out ulong shape, out ulong address), "set-up: CapIdentify(image slot)");
                if ((ObjectType)(shape & 0xFF) != ObjectType.Frame || address != page)
                    continue;
                CapSlot copy = Objects.Copy(slot, CapRights.Read | CapRights.Execute);
                Mapping.Map(copy, space, page, CapRights.Read | CapRights.Execute);
                return;
            }
            Check.Fail("set-up: the blob page", "no image frame of the root task is mapped there");
        }
    }
}
