// Hands out kernel stacks from a reserved virtual window (KernelMemoryLayout's stacks area in the kernel):
// each stack is a guard page left unmapped followed by its pages, each backed by its own frame and mapped
// read/write, never executable. Interrupt and per-CPU stacks live forever; thread stacks come back through
// Free, which returns their frames and keeps the virtual range (guard included) for the next stack of the
// same size, so page tables do not grow with thread churn. Thread safety: once UseLock has given it a lock,
// TryAllocate and Free run under it (and take the address space's and frame allocator's own locks inside:
// stacks -> address space -> frames); without one, callers serialise.
using MinimalOS.Kernel.Memory.Paging;
using MinimalOS.Kernel.Sync;

namespace MinimalOS.Kernel.Memory
{
    public sealed class KernelStackAllocator
    {
        private readonly AddressSpace _space;
        private readonly IFrameAllocator _frames;
        private readonly ulong _windowBase;
        private readonly ulong _windowEnd;
        private readonly PageFlags _flags;
        private ulong _next;
        // Bottoms of freed ranges, reused before the bump pointer moves on. A full list only costs window space.
        private readonly ulong[] _recycledBottoms = new ulong[RecycleCapacity];
        private readonly int[] _recycledPages = new int[RecycleCapacity];
        private int _recycledCount;
        private IKernelLock _lock;
        private const int RecycleCapacity = 64;

        /// <summary>Stacks handed out and not yet freed (a snapshot while other CPUs allocate).</summary>
        public int LiveStacks { get; private set; }

        public KernelStackAllocator(AddressSpace space, IFrameAllocator frames, VirtualAddress windowBase, ulong windowSize, bool noExecuteSupported)
        {
            _space = space;
            _frames = frames;
            _next = PageSize.AlignDown(windowBase.Value, PageSize.Small);
            _windowBase = _next;
            _windowEnd = windowBase.Value + windowSize;
            _flags = PageFlags.Writable | (noExecuteSupported ? PageFlags.NoExecute : PageFlags.None);
        }

        /// <summary>
        /// Maps a stack of <paramref name="pages"/> 4 KiB pages with an unmapped guard page below it. On
        /// failure (RangeWraps: the window is used up; OutOfFrames; a refused mapping) nothing stays allocated and the result says why.
        /// </summary>
        public PagingResult TryAllocate(int pages, out KernelStack stack)
        {
            _lock?.Acquire();
            PagingResult result = TryAllocateLocked(pages, out stack);
            _lock?.Release();
            return result;
        }

        /// <summary>
        /// Unmaps a stack this allocator handed out and returns its frames. The caller promises nothing runs on
        /// it any more. A stack that is not fully mapped (never allocated, or already freed) is refused: false.
        /// </summary>
        public bool Free(in KernelStack stack)
        {
            _lock?.Acquire();
            bool freed = FreeLocked(in stack);
            _lock?.Release();
            return freed;
        }

        /// <summary>Serialises TryAllocate and Free with <paramref name="windowLock"/> from now on; false if a lock is already set.</summary>
        public bool UseLock(IKernelLock windowLock)
        {
            if (_lock is not null || windowLock is null)
                return false;
            _lock = windowLock;
            return true;
        }

        private PagingResult TryAllocateLocked(int pages, out KernelStack stack)
        {
            stack = default;
            if (pages <= 0)
                return PagingResult.Unaligned;
            ulong size = (ulong)pages * PageSize.Small;
            int recycled = FindRecycled(pages);
            ulong bottom = recycled >= 0 ? _recycledBottoms[recycled] : _next + PageSize.Small;
            if (recycled < 0 && (bottom + size > _windowEnd || bottom + size < bottom))
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
            if (recycled >= 0)
                TakeRecycled(recycled);
            else
                _next = bottom + size;
            LiveStacks++;
            stack = new KernelStack(new VirtualAddress(bottom), new VirtualAddress(bottom + size));
            return PagingResult.Success;
        }

        private bool FreeLocked(in KernelStack stack)
        {
            if (stack.IsEmpty || stack.Bottom.Value <= _windowBase || stack.Top.Value > _next || stack.Top.Value <= stack.Bottom.Value
                || ((stack.Bottom.Value | stack.Top.Value) & (PageSize.Small - 1)) != 0)
                return false;
            ulong size = stack.Top.Value - stack.Bottom.Value;
            int pages = (int)(size / PageSize.Small);
            for (int i = 0; i < pages; i++)
            {
                if (_space.Translate(new VirtualAddress(stack.Bottom.Value + (ulong)i * PageSize.Small), out _) != PagingResult.Success)
                    return false;
            }
            Release(stack.Bottom.Value, pages);
            LiveStacks--;
            if (_recycledCount < RecycleCapacity)
            {
                _recycledBottoms[_recycledCount] = stack.Bottom.Value;
                _recycledPages[_recycledCount] = pages;
                _recycledCount++;
            }
            return true;
        }

        private int FindRecycled(int pages)
        {
            for (int i = _recycledCount - 1; i >= 0; i--)
            {
                if (_recycledPages[i] == pages)
                    return i;
            }
            return -1;
        }

        private void TakeRecycled(int index)
        {
            _recycledCount--;
            _recycledBottoms[index] = _recycledBottoms[_recycledCount];
            _recycledPages[index] = _recycledPages[_recycledCount];
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

        // Unmaps the first `mapped` pages of a stack and frees their frames.
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
