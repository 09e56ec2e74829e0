// The kernel's heap: every C# object (through RuntimeHost's allocation hook) and any raw block kernel code
// asks for. It owns the one SlabHeap and decides what a heap fault means: in debug builds (DEBUG, the
// default `make`) a panic, since a double free or a stray pointer means memory is already corrupt and
// going on hides the culprit; in release builds an error line, and the bad Free is ignored (a leak is the
// safe fallback). Faults are reported only after the heap call returned, so the heap is consistent when
// the log or the panic path runs.
//
// Pages come from a 256 KiB region in .bss (RegionPageSource) from the first allocation on. Once the frame
// allocator and the kernel page tables exist, one call - AttachFrames(frameAllocator, mapper) - lets the
// heap grow from frames mapped at KernelMemoryLayout.HeapBase (FramePageSource); objects already
// allocated from the region stay valid and freeable (KernelPageSource keeps both tiers). The heap's own
// state (s_heap) holds no object references, so it lives in .bss and works before the runtime has
// allocated its GC static blocks - which it does through this heap.
//
// SMP: one IRQ-safe ticket lock (in .bss, like the heap) serialises every heap operation from any CPU
// or thread; the portable SlabHeap stays lock-free. Growing the heap maps frames with the lock held, so
// the order is heap -> kernel address space -> frames (docs/ARCHITECTURE.md, "Lock order"). Faults are
// logged and panics raised only after the lock is released. Never from interrupt handlers (allocation
// can take a while), and nothing here may allocate (it is the allocator). Statistics are unlocked
// snapshots: approximate while other CPUs allocate.
using System.Runtime.CompilerServices;
using MinimalOS.Kernel.Arch.X86_64.Sync;
using MinimalOS.Kernel.Diagnostics;
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Heap;

namespace MinimalOS.Kernel.Runtime
{
    internal static unsafe class KernelHeap
    {
        // Enough for everything allocated before the frame allocator and page tables exist (about 60 KiB
        // today); after AttachFrames the heap grows from frames.
        private const int BootRegionSize = 256 * 1024;

#if DEBUG
        public const bool DebugChecks = true;
#else
        public const bool DebugChecks = false;
#endif

        private const string LockName = "heap";

        private static TicketLock s_lock;
        private static BootRegion s_bootRegion;
        private static SlabHeap<KernelPageSource> s_heap;
        private static bool s_ready;
        // Holds the frame allocator and mapper, so it is a GC static: only touched after start-up, by AttachFrames.
        private static FramePageSource s_frames;

        private struct BootRegion
        {
            public fixed byte Bytes[BootRegionSize];
        }

        public static ulong BytesInUse => Heap.BytesInUse;
        public static long PagesHeld => Heap.PagesHeld;
        /// <summary>Pages of freed runs kept mapped for reuse (part of PagesHeld).</summary>
        public static int CachedPages => Heap.CachedPages;
        public static int LargeBlocks => Heap.LargeBlocks;
        public static ulong FaultCount => Heap.FaultCount;
        public static int LiveObjects(int sizeClass) => Heap.LiveObjects(sizeClass);

        /// <summary>Zeroed, 16-byte aligned memory, or null when the heap cannot grow.</summary>
        public static void* Allocate(nuint size)
        {
            s_lock.Acquire(LockName);
            ref SlabHeap<KernelPageSource> heap = ref Heap;
            ulong faults = heap.FaultCount;
            void* block = heap.Allocate(size);
            bool faulted = heap.FaultCount != faults;
            HeapFault fault = heap.LastFault;
            VirtualAddress address = heap.LastFaultAddress;
            s_lock.Release(LockName);
            if (faulted)
                Report(fault, address);
            return block;
        }

        /// <summary>Frees a block from Allocate (null is ignored); anything else is a heap fault.</summary>
        public static void Free(void* block)
        {
            s_lock.Acquire(LockName);
            ref SlabHeap<KernelPageSource> heap = ref Heap;
            HeapFault fault = heap.Free(block);
            VirtualAddress address = heap.LastFaultAddress;
            s_lock.Release(LockName);
            if (fault != HeapFault.None)
                Report(fault, address);
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

        /// <summary>
        /// Lets the heap grow from <paramref name="frames"/> mapped by <paramref name="mapper"/> into the kernel
        /// heap range. Neither may allocate from this heap while it calls them. False if frames were already attached.
        /// </summary>
        public static bool AttachFrames(IFrameAllocator frames, IHeapPageMapper mapper)
        {
            // Allocated before taking the lock: allocation takes it too.
            var source = new FramePageSource(frames, mapper, new VirtualAddress(KernelMemoryLayout.HeapBase), KernelMemoryLayout.HeapSize);
            s_lock.Acquire(LockName);
            ref KernelPageSource pages = ref SlabHeap<KernelPageSource>.PageSourceOf(ref Heap);
            bool attached = false;
            if (!pages.HasGrowthTier)
            {
                s_frames = source;
                attached = pages.AttachGrowth(&FramesTryAllocatePages, &FramesFreePages, &FramesContain);
            }
            s_lock.Release(LockName);
            return attached;
        }

        private static bool FramesTryAllocatePages(int count, out VirtualAddress start) => s_frames.TryAllocatePages(count, out start);

        private static void FramesFreePages(VirtualAddress start, int count) => s_frames.FreePages(start, count);

        private static bool FramesContain(VirtualAddress address) => s_frames.Contains(address);

        public static void LogStatistics()
        {
            ref KernelPageSource pages = ref SlabHeap<KernelPageSource>.PageSourceOf(ref Heap);
            HeapStatisticsLog.Write(ref Heap);
            Log.Info("heap", $"pages: {pages.RegionPagesInUse} from the boot region, {(pages.HasGrowthTier ? s_frames.PagesMapped : 0)} from frames");
        }

        /// <summary>
        /// Mean ns per allocate+free of <paramref name="size"/> bytes on the live heap, lock held throughout
        /// (the slab heap's own cost; 0 if it ran out); for `make bench`.
        /// </summary>
        public static ulong BenchmarkAllocateAndFree(nuint size, int rounds, delegate*<ulong> nanoseconds)
        {
            s_lock.Acquire(LockName);
            ulong result = HeapBenchmark.NanosecondsPerAllocateAndFree(ref Heap, size, rounds, nanoseconds);
            s_lock.Release(LockName);
            return result;
        }

        // Every allocation passes here: the one-time construction (a large struct on the stack, with a stack
        // cookie) stays out of line so this is a test and a load.
        private static ref SlabHeap<KernelPageSource> Heap
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get
            {
                if (!s_ready)
                    Build();
                return ref s_heap;
            }
        }

        // The first allocation (before any static constructor has run) builds the heap: nothing here may need one.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void Build()
        {
            fixed (byte* region = s_bootRegion.Bytes)
                s_heap = new SlabHeap<KernelPageSource>(new KernelPageSource(new RegionPageSource(region, BootRegionSize)), DebugChecks);
            s_ready = true;
        }

        private static void Report(HeapFault fault, VirtualAddress address)
        {
            Log.Error("heap", $"{Describe(fault)} at {address.Value:x}");
            if (DebugChecks)
                Panic.Halt(PanicReason(fault));
        }

        private static string Describe(HeapFault fault) => fault switch
        {
            HeapFault.OutsideHeap => "free of a pointer outside the heap",
            HeapFault.NotABlock => "free of a pointer that is not a live block",
            HeapFault.DoubleFree => "double free",
            HeapFault.WriteAfterFree => "a freed block was written after its free",
            _ => "unknown fault",
        };

        // Literals, so the panic path allocates nothing.
        private static string PanicReason(HeapFault fault) => fault switch
        {
            HeapFault.OutsideHeap => "heap: free of a pointer outside the heap",
            HeapFault.NotABlock => "heap: free of a pointer that is not a live block",
            HeapFault.DoubleFree => "heap: double free",
            HeapFault.WriteAfterFree => "heap: a freed block was written after its free",
            _ => "heap: unknown fault",
        };
    }
}
