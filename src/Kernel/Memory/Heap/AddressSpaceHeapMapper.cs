// Lets the heap's frame tier map its pages through an AddressSpace: present, writable, never executable
// (when the CPU has NX), 4 KiB pages, a run in one call. Unmapping goes through AddressSpace.Unmap, which invalidates the
// TLB entries (a run in one call, so one shootdown) and returns emptied page tables to the address
// space's frame allocator. Allocates nothing.
using MinimalOS.Kernel.Memory.Paging;

namespace MinimalOS.Kernel.Memory.Heap
{
    public sealed unsafe class AddressSpaceHeapMapper : IHeapPageMapper
    {
        private readonly AddressSpace _space;
        private readonly PageFlags _flags;

        public AddressSpaceHeapMapper(AddressSpace space, bool noExecuteSupported)
        {
            _space = space;
            _flags = noExecuteSupported ? PageFlags.Writable | PageFlags.NoExecute : PageFlags.Writable;
        }

        public bool TryMapRun(VirtualAddress start, PhysicalAddress* frames, int count) =>
            _space.MapFrames(start, frames, count, _flags) == PagingResult.Success;

        public bool TryUnmap(VirtualAddress page, out PhysicalAddress frame)
        {
            frame = default;
            if (_space.Translate(page, out PageMapping mapping) != PagingResult.Success || mapping.PageSize != PageSize.Small)
                return false;
            if (_space.Unmap(page, PageSize.Small) != PagingResult.Success)
                return false;
            frame = mapping.Physical;
            return true;
        }

        // The heap holds its lock across this, so nobody changes the run between the translations and the unmap.
        public bool TryUnmapRun(VirtualAddress start, int count, PhysicalAddress* frames)
        {
            if (count <= 0)
                return false;
            for (int i = 0; i < count; i++)
            {
                var page = new VirtualAddress(start.Value + (ulong)i * PageSize.Small);
                if (_space.Translate(page, out PageMapping mapping) != PagingResult.Success || mapping.PageSize != PageSize.Small)
                    return false;
                frames[i] = mapping.Physical;
            }
            return _space.Unmap(start, (ulong)count * PageSize.Small) == PagingResult.Success;
        }
    }
}
