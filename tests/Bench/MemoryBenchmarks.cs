// Costs of memory management: allocating and freeing physical frames (single frames and 16-frame runs)
// and heap blocks of a few sizes (small slab classes, a whole page, a large multi-page block). Debug
// kernels poison freed heap memory and check it on reuse; `make bench CONFIG=release` measures without.
// The "kernel-" figures go through the entry points every CPU uses (KernelHeap.Allocate/Free and
// KernelAddressSpace.Frames, each behind its SMP lock): one allocate+free pair at a time, the hot path.
// "frame-alloc+map-4KiB" is the yardstick for heap blocks of whole pages: a frame from the locked frame
// allocator mapped into the kernel address space, 64 at a time; the unmap of the batch is not timed (it is
// one shootdown for all 64, and the heap's own figures show what its frees cost).
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Paging;
using MinimalOS.Kernel.Memory.Physical;
using MinimalOS.Kernel.Runtime;

namespace MinimalOS.Kernel.Benchmarks
{
    internal static unsafe class MemoryBenchmarks
    {
        private const int Rounds = 5;
        private const int MapBatch = 64;
        // Just past the heap's range: nothing else maps there.
        private const ulong ScratchBase = KernelMemoryLayout.HeapBase + KernelMemoryLayout.HeapSize;

        public static void Run()
        {
            ulong single = ulong.MaxValue;
            ulong run = ulong.MaxValue;
            for (int i = 0; i < Rounds; i++)
            {
                FrameAllocatorBenchmark.Result result = FrameAllocatorBenchmark.Run(PhysicalMemory.Frames, &TscClock.Nanoseconds, rounds: 8);
                single = Min(single, result.NanosecondsPerSingle);
                run = Min(run, result.NanosecondsPerRun);
            }
            BenchmarkRunner.ReportNanoseconds("memory.frame-alloc+free", single);
            BenchmarkRunner.ReportNanoseconds("memory.frame-run-16-alloc+free", run);
            ulong mapped = ulong.MaxValue;
            for (int i = 0; i < Rounds; i++)
                mapped = Min(mapped, FrameAllocateAndMap());
            BenchmarkRunner.ReportNanoseconds("memory.frame-alloc+map-4KiB", mapped);
            Heap("memory.heap-alloc+free-16B", 16);
            Heap("memory.heap-alloc+free-256B", 256);
            Heap("memory.heap-alloc+free-4KiB", 4096);
            Heap("memory.heap-alloc+free-64KiB", 64 * 1024);
            BenchmarkRunner.Measure("memory.kernel-heap-alloc+free-16B", &KernelHeapPairs, 2000);
            BenchmarkRunner.Measure("memory.kernel-frame-alloc+free", &KernelFramePairs, 2000);
        }

        private static void KernelHeapPairs(int operations)
        {
            for (int i = 0; i < operations; i++)
                KernelHeap.Free(KernelHeap.Allocate(16));
        }

        private static void KernelFramePairs(int operations)
        {
            for (int i = 0; i < operations; i++)
            {
                if (KernelAddressSpace.Frames.TryAllocate(out PhysicalAddress frame))
                    KernelAddressSpace.Frames.Free(frame);
            }
        }

        // Mean ns per frame allocated and mapped at a page of its own; 0 if frames or tables ran out.
        private static ulong FrameAllocateAndMap()
        {
            PhysicalAddress* frames = stackalloc PhysicalAddress[MapBatch];
            int mapped = 0;
            ulong start = TscClock.Nanoseconds();
            for (; mapped < MapBatch; mapped++)
            {
                if (!KernelAddressSpace.Frames.TryAllocate(out frames[mapped]))
                    break;
                var page = new VirtualAddress(ScratchBase + (ulong)mapped * PageSize.Small);
                if (KernelAddressSpace.Space.Map(page, frames[mapped], PageSize.Small, PageFlags.Writable | PageFlags.NoExecute) != PagingResult.Success)
                {
                    KernelAddressSpace.Frames.Free(frames[mapped]);
                    break;
                }
            }
            ulong elapsed = TscClock.Nanoseconds() - start;
            if (mapped > 0)
                KernelAddressSpace.Space.Unmap(new VirtualAddress(ScratchBase), (ulong)mapped * PageSize.Small);
            for (int i = 0; i < mapped; i++)
                KernelAddressSpace.Frames.Free(frames[i]);
            return mapped == MapBatch ? elapsed / MapBatch : 0;
        }

        private static void Heap(string name, nuint size)
        {
            ulong best = ulong.MaxValue;
            for (int i = 0; i < Rounds; i++)
                best = Min(best, KernelHeap.BenchmarkAllocateAndFree(size, 8, &TscClock.Nanoseconds));
            BenchmarkRunner.ReportNanoseconds(name, best);
        }

        private static ulong Min(ulong a, ulong b) => a < b ? a : b;
    }
}
