// The kernel heap's page source: the boot region (RegionPageSource over .bss) from the first allocation,
// and a growth tier - in the kernel, frames mapped into the heap's virtual range (FramePageSource) - once
// the frame allocator and page tables exist and AttachGrowth is called. From then on new pages come from
// the growth tier first and the region's remaining pages are a reserve; every run goes back to the tier
// that handed it out, so objects allocated during boot (the frame allocator and the mapper among them)
// stay valid and freeable.
// The growth tier is reached through function pointers, not an interface reference, because this struct
// lives inside the heap's state, which must hold no object references: that state is a plain static in
// .bss, usable before the runtime has allocated the GC static blocks (which it allocates from this heap).
// Not thread-safe on its own: the heap's lock (KernelHeap) covers it.
namespace MinimalOS.Kernel.Memory.Heap
{
    public unsafe struct KernelPageSource : IHeapPageSource
    {
        private RegionPageSource _region;
        private delegate*<int, out VirtualAddress, bool> _growthAllocate;
        private delegate*<VirtualAddress, int, void> _growthFree;
        private delegate*<VirtualAddress, bool> _growthContains;

        public KernelPageSource(RegionPageSource region)
        {
            _region = region;
            _growthAllocate = null;
            _growthFree = null;
            _growthContains = null;
        }

        public bool HasGrowthTier => _growthAllocate != null;
        public int RegionPagesInUse => _region.PagesInUse;

        /// <summary>
        /// Adds the growth tier (the three operations of an IHeapPageSource). Refused (false) when one is already
        /// attached or an operation is missing, so no run can lose the tier it came from.
        /// </summary>
        public bool AttachGrowth(delegate*<int, out VirtualAddress, bool> tryAllocatePages,
            delegate*<VirtualAddress, int, void> freePages, delegate*<VirtualAddress, bool> contains)
        {
            if (HasGrowthTier || tryAllocatePages == null || freePages == null || contains == null)
                return false;
            _growthAllocate = tryAllocatePages;
            _growthFree = freePages;
            _growthContains = contains;
            return true;
        }

        public bool TryAllocatePages(int count, out VirtualAddress start)
        {
            if (_growthAllocate != null && _growthAllocate(count, out start))
                return true;
            return _region.TryAllocatePages(count, out start);
        }

        public void FreePages(VirtualAddress start, int count)
        {
            if (_growthContains != null && _growthContains(start))
                _growthFree(start, count);
            else
                _region.FreePages(start, count);
        }

        public bool Contains(VirtualAddress address) =>
            _region.Contains(address) || (_growthContains != null && _growthContains(address));
    }
}
