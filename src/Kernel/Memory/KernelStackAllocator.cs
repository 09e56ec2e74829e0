// Hands out kernel stacks from a reserved virtual window (KernelMemoryLayout's stacks area in the kernel):
// each stack is a guard page left unmapped followed by its pages, each backed by its own frame and mapped
// read/write, never executable. Stacks are never returned yet (interrupt and per-CPU stacks live forever),
// so the window is a bump pointer. Not thread-safe: callers serialise (it runs while bringing up CPUs).
using MinimalOS.Kernel.Memory.Paging;

namespace MinimalOS.Kernel.Memory
{
    public sealed class KernelStackAllocator
    {
        private readonly AddressSpace _space;
        private readonly IFrameAllocator _frames;
        private readonly ulong _windowEnd;
        private readonly PageFlags _flags;
        private ulong _next;

        public KernelStackAllocator(AddressSpace space, IFrameAllocator frames, VirtualAddress windowBase, ulong windowSize, bool noExecuteSupported)
        {
            _space = space;
            _frames = frames;
            _next = PageSize.AlignDown(windowBase.Value, PageSize.Small);
            _windowEnd = windowBase.Value + windowSize;
            _flags = PageFlags.Writable | (noExecuteSupported ? PageFlags.NoExecute : PageFlags.None);
        }

        /// <summary>
        /// Maps a stack of <paramref name="pages"/> 4 KiB pages with an unmapped guard page below it. On
        /// failure (RangeWraps: the window is used up; OutOfFrames; a refused mapping) nothing stays allocated and the result says why.
        /// </summary>
        public PagingResult TryAllocate(int pages, out KernelStack stack)
        {
            stack = default;
            if (pages <= 0)
                return PagingResult.Unaligned;
            ulong size = (ulong)pages * PageSize.Small;
            ulong bottom = _next + PageSize.Small;
            if (bottom + size > _windowEnd || bottom + size < bottom)
                return PagingResult.RangeWraps;
            for (int i = 0; i < pages; i++)
            {
                PagingResult result = MapPage(new VirtualAddress(bottom + (ulong)i * PageSize.Small));
                if (result != PagingResult.Success)
                {
                    Release(bottom, i);
                    return result;
                }
            }
            _next = bottom + size;
            stack = new KernelStack(new VirtualAddress(bottom), new VirtualAddress(bottom + size));
            return PagingResult.Success;
        }

        private PagingResult MapPage(VirtualAddress page)
        {
            if (!_frames.TryAllocateZeroed(out PhysicalAddress frame))
                return PagingResult.OutOfFrames;
            PagingResult result = _space.Map(page, frame, PageSize.Small, _flags);
            if (result != PagingResult.Success)
                _frames.Free(frame);
            return result;
        }

        // Undoes the first `mapped` pages of a stack whose allocation failed part-way.
        private void Release(ulong bottom, int mapped)
        {
            for (int i = 0; i < mapped; i++)
            {
                var page = new VirtualAddress(bottom + (ulong)i * PageSize.Small);
                if (_space.Translate(page, out PageMapping mapping) != PagingResult.Success)
                    continue;
                _space.Unmap(page, PageSize.Small);
                _frames.Free(new PhysicalAddress(mapping.Physical.Value & ~(PageSize.Small - 1)));
            }
        }
    }
}
