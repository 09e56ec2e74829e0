// The kernel's heap: every C# object (through RuntimeHost's allocation hook) and any raw block kernel code
// asks for. It owns the one SlabHeap and decides what a heap fault means: in debug builds (DEBUG, the
// default `make`) a panic, since a double free or a stray pointer means memory is already corrupt and
// going on hides the culprit; in release builds an error line, and the bad Free is ignored (a leak is the
// safe fallback). Faults are reported only after the heap call returned, so the heap is consistent when
// the log or the panic path runs.
//
// Pages come from a 16 MiB region in .bss (RegionPageSource) for now. Integration swaps that for
// FramePageSource (frames from the IFrameAllocator mapped at KernelMemoryLayout.HeapBase): the type of
// s_heap and the construction in EnsureReady are the only lines that change.
//
// Same rules as SlabHeap: boot CPU only until the SMP issue adds a lock, never from interrupt handlers,
// and nothing here may allocate (it is the allocator).
using System.Runtime.CompilerServices;
using MinimalOS.Kernel.Diagnostics;
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Heap;

namespace MinimalOS.Kernel.Runtime
{
    internal static unsafe class KernelHeap
    {
        private const int BootRegionSize = 16 * 1024 * 1024;

#if DEBUG
        public const bool DebugChecks = true;
#else
        public const bool DebugChecks = false;
#endif

        private static BootRegion s_bootRegion;
        private static SlabHeap<RegionPageSource> s_heap;
        private static bool s_ready;

        private struct BootRegion
        {
            public fixed byte Bytes[BootRegionSize];
        }

        public static ulong BytesInUse => Heap.BytesInUse;
        public static long PagesHeld => Heap.PagesHeld;
        public static int LargeBlocks => Heap.LargeBlocks;
        public static ulong FaultCount => Heap.FaultCount;
        public static int LiveObjects(int sizeClass) => Heap.LiveObjects(sizeClass);

        /// <summary>Zeroed, 16-byte aligned memory, or null when the heap cannot grow.</summary>
        public static void* Allocate(nuint size)
        {
            ref SlabHeap<RegionPageSource> heap = ref Heap;
            ulong faults = heap.FaultCount;
            void* block = heap.Allocate(size);
            if (heap.FaultCount != faults)
                Report(heap.LastFault, heap.LastFaultAddress);
            return block;
        }

        /// <summary>Frees a block from Allocate (null is ignored); anything else is a heap fault.</summary>
        public static void Free(void* block)
        {
            ref SlabHeap<RegionPageSource> heap = ref Heap;
            HeapFault fault = heap.Free(block);
            if (fault != HeapFault.None)
                Report(fault, heap.LastFaultAddress);
        }

        /// <summary>
        /// Frees the memory of an object (instance, array, string, box). The caller promises that no reference
        /// to it is used afterwards: there is no GC to check. Frozen objects (string literals, typeof) are not
        /// on the heap and are reported like any foreign pointer.
        /// </summary>
        public static void Release(object instance)
        {
            if (instance is null)
                return;
            Free(*(void**)Unsafe.AsPointer(ref instance));
        }

        public static void LogStatistics() => HeapStatisticsLog.Write(ref Heap);

        /// <summary>Mean ns per allocate+free of <paramref name="size"/> bytes on the live heap (0 if it ran out); for `make bench`.</summary>
        public static ulong BenchmarkAllocateAndFree(nuint size, int rounds, delegate*<ulong> nanoseconds) =>
            HeapBenchmark.NanosecondsPerAllocateAndFree(ref Heap, size, rounds, nanoseconds);

        // The first allocation (before any static constructor has run) builds the heap: nothing here may need one.
        private static ref SlabHeap<RegionPageSource> Heap
        {
            get
            {
                if (!s_ready)
                {
                    fixed (byte* region = s_bootRegion.Bytes)
                        s_heap = new SlabHeap<RegionPageSource>(new RegionPageSource(region, BootRegionSize), DebugChecks);
                    s_ready = true;
                }
                return ref s_heap;
            }
        }

        private static void Report(HeapFault fault, VirtualAddress address)
        {
            Log.Error("heap", $"{Describe(fault)} at {address.Value:x}");
            if (DebugChecks)
                Panic.Halt(Describe(fault));
        }

        private static string Describe(HeapFault fault) => fault switch
        {
            HeapFault.OutsideHeap => "heap: free of a pointer outside the heap",
            HeapFault.NotABlock => "heap: free of a pointer that is not a live block",
            HeapFault.DoubleFree => "heap: double free",
            HeapFault.WriteAfterFree => "heap: a freed block was written after its free",
            _ => "heap: unknown fault",
        };
    }
}
