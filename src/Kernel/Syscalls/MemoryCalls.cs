// Building user address spaces: page-table objects installed where a mapping needs them, and frames
// mapped, unmapped and re-protected - each frame capability at most once, never writable and executable
// at once, never with more rights than the capability has.
using MinimalOS.Abi;
using MinimalOS.Kernel.Capabilities;
using MinimalOS.Kernel.Memory.Paging;
using MinimalOS.Kernel.Objects;

namespace MinimalOS.Kernel.Syscalls
{
    public static unsafe class MemoryCalls
    {
        /// <summary>A0 page table, A1 address space (Write), A2 address it should serve. Result 0: the level it became (3 PDPT, 2 page directory, 1 page table).</summary>
        public static SyscallResult MapPageTable(in SyscallArguments arguments)
        {
            KernelObjects.Lock.Acquire();
            PageTableLevel level = PageTableLevel.None;
            SyscallError error = CallerCapabilities.Capability(arguments.A0, ObjectType.PageTable, CapRights.None, out CapabilitySlot* table);
            CapabilitySlot* space = null;
            if (error == SyscallError.None)
                error = CallerCapabilities.Capability(arguments.A1, ObjectType.AddressSpace, CapRights.Write, out space);
            if (error == SyscallError.None)
                error = PageTableObject.Map(table, space, arguments.A2, out level);
            KernelObjects.Lock.Release();
            return error == SyscallError.None ? SyscallResult.Ok((ulong)level) : error;
        }

        /// <summary>A0 frame, A1 address space (Write), A2 address, A3 rights (Read, Write, Execute), A4 cache type. MissingPageTable: result 0 names the level to map first.</summary>
        public static SyscallResult MapFrame(in SyscallArguments arguments)
        {
            if (arguments.A3 > byte.MaxValue || arguments.A4 > byte.MaxValue)
                return SyscallError.InvalidArgument;
            KernelObjects.Lock.Acquire();
            PageTableLevel missing = PageTableLevel.None;
            SyscallError error = CallerCapabilities.Capability(arguments.A0, ObjectType.Frame, CapRights.None, out CapabilitySlot* frame);
            CapabilitySlot* space = null;
            if (error == SyscallError.None)
                error = CallerCapabilities.Capability(arguments.A1, ObjectType.AddressSpace, CapRights.Write, out space);
            if (error == SyscallError.None)
                error = FrameObject.Map(frame, space, arguments.A2, (CapRights)arguments.A3, (CacheType)arguments.A4, out missing);
            KernelObjects.Lock.Release();
            return error == SyscallError.MissingPageTable ? SyscallResult.FailWith(error, (ulong)missing) : error;
        }

        /// <summary>A0 frame.</summary>
        public static SyscallResult UnmapFrame(in SyscallArguments arguments)
        {
            KernelObjects.Lock.Acquire();
            SyscallError error = CallerCapabilities.Capability(arguments.A0, ObjectType.Frame, CapRights.None, out CapabilitySlot* frame);
            if (error == SyscallError.None)
                error = FrameObject.Unmap(frame);
            KernelObjects.Lock.Release();
            return error;
        }

        /// <summary>A0 frame, A1 new rights.</summary>
        public static SyscallResult ProtectFrame(in SyscallArguments arguments)
        {
            if (arguments.A1 > byte.MaxValue)
                return SyscallError.InvalidArgument;
            KernelObjects.Lock.Acquire();
            SyscallError error = CallerCapabilities.Capability(arguments.A0, ObjectType.Frame, CapRights.None, out CapabilitySlot* frame);
            if (error == SyscallError.None)
                error = FrameObject.Protect(frame, (CapRights)arguments.A1);
            KernelObjects.Lock.Release();
            return error;
        }
    }
}
