// The frame allocator as every CPU and thread must use it: the one FrameAllocator behind an IRQ-safe spin
// lock ("frames", the innermost of the memory locks: see docs/ARCHITECTURE.md, "Lock order"). Page tables,
// the heap, kernel stacks and per-CPU pages all take frames through this (KernelAddressSpace.Frames). A
// zeroed frame is cleared after the lock is released, so the lock is held only for the bitmap search.
// Nothing here may allocate from the heap, take another lock or log while holding the lock (the wrapped
// allocator's own refused-free log line is the exception: the log lock is a leaf).
using MinimalOS.Kernel.Arch.X86_64.Sync;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Physical;

namespace MinimalOS.Kernel.Arch.X86_64
{
    internal sealed unsafe class LockedFrameAllocator : IFrameAllocator, IContiguousFrameAllocator
    {
        private readonly FrameAllocator _frames;
        private readonly SpinLock _lock = new SpinLock("frames");

        public LockedFrameAllocator(FrameAllocator frames) => _frames = frames;

        /// <summary>The unlocked allocator, for start-up code that runs before any other CPU exists.</summary>
        public FrameAllocator Unlocked => _frames;

        /// <summary>A consistent snapshot of the counts.</summary>
        public FrameStatistics Statistics
        {
            get
            {
                _lock.Acquire();
                FrameStatistics statistics = _frames.Statistics;
                _lock.Release();
                return statistics;
            }
        }

        public bool TryAllocate(out PhysicalAddress frame)
        {
            _lock.Acquire();
            bool allocated = _frames.TryAllocate(out frame);
            _lock.Release();
            return allocated;
        }

        public bool TryAllocateZeroed(out PhysicalAddress frame)
        {
            if (!TryAllocate(out frame))
                return false;
            ulong* words = (ulong*)_frames.DirectMap.ToPointer(frame);
            for (ulong i = 0; i < FrameAllocator.FrameSize / sizeof(ulong); i++)
                words[i] = 0;
            return true;
        }

        public bool TryAllocateContiguous(ulong frameCount, ulong alignmentBytes, bool below4GiB, out PhysicalAddress start)
        {
            _lock.Acquire();
            bool allocated = _frames.TryAllocateContiguous(frameCount, alignmentBytes, below4GiB, out start);
            _lock.Release();
            return allocated;
        }

        public void Free(PhysicalAddress frame) => FreeContiguous(frame, 1);

        public FrameFreeResult FreeContiguous(PhysicalAddress start, ulong frameCount)
        {
            _lock.Acquire();
            FrameFreeResult result = _frames.FreeContiguous(start, frameCount);
            _lock.Release();
            return result;
        }

        public FrameState StateOf(PhysicalAddress address)
        {
            _lock.Acquire();
            FrameState state = _frames.StateOf(address);
            _lock.Release();
            return state;
        }
    }
}
