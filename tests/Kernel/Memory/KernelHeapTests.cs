// Kernel tests of the live kernel heap: raw blocks are zeroed, aligned, freed and reused; C# objects,
// arrays and strings come from it and can be released; statistics come back to where they started after
// an allocate/free cycle; heap faults (double free, foreign pointer, write after free) are reported by the
// build's policy - a panic in debug builds, an error line and a counted fault in release builds.
using System.Runtime.CompilerServices;
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.Memory.Heap;
using MinimalOS.Kernel.Runtime;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class KernelHeapTests
    {
        public static void Register(KernelTestList tests)
        {
            tests.Add("KernelHeap.RawBlocksAreZeroedAlignedAndReused", &RawBlocksAreZeroedAlignedAndReused);
            tests.Add("KernelHeap.LargeBlocksTakeAndReturnPages", &LargeBlocksTakeAndReturnPages);
            tests.Add("KernelHeap.ObjectsComeFromTheHeapAndCanBeReleased", &ObjectsComeFromTheHeapAndCanBeReleased);
            tests.Add("KernelHeap.StatisticsReturnToTheirStart", &StatisticsReturnToTheirStart);
            tests.Add("KernelHeap.DoubleFreeIsReported", &DoubleFreeIsReported);
            tests.Add("KernelHeap.ForeignPointerIsReported", &ForeignPointerIsReported);
            tests.Add("KernelHeap.WriteAfterFreeIsReported", &WriteAfterFreeIsReported);
            tests.Add("KernelHeap.BenchmarkMeasuresAndLeavesNothingBehind", &BenchmarkMeasuresAndLeavesNothingBehind);
        }

        private sealed class Sample
        {
            public long First;
            public long Second;
            public object Link;
        }

        private static void RawBlocksAreZeroedAlignedAndReused()
        {
            var block = (byte*)KernelHeap.Allocate(100);
            Expect.True(block != null, "allocated");
            Expect.Equal(0UL, (ulong)block % 16, "16-byte aligned");
            for (int i = 0; i < 100; i++)
            {
                if (block[i] != 0)
                    Expect.Fail("a fresh block is zeroed");
                block[i] = 0xEE;
            }
            KernelHeap.Free(block);
            var again = (byte*)KernelHeap.Allocate(100);
            Expect.True(again == block, "the freed block is reused");
            for (int i = 0; i < 100; i++)
            {
                if (again[i] != 0)
                    Expect.Fail("a reused block is zeroed again");
            }
            KernelHeap.Free(again);
        }

        private static void LargeBlocksTakeAndReturnPages()
        {
            long pagesInUse = KernelHeap.PagesHeld - KernelHeap.CachedPages;
            int large = KernelHeap.LargeBlocks;
            var block = (byte*)KernelHeap.Allocate(64 * 1024);
            Expect.True(block != null, "allocated");
            Expect.Equal(large + 1, KernelHeap.LargeBlocks, "one more large block");
            Expect.Equal(pagesInUse + 17, KernelHeap.PagesHeld - KernelHeap.CachedPages, "64 KiB plus the header is 17 pages");
            block[64 * 1024 - 1] = 1;
            KernelHeap.Free(block);
            Expect.Equal(large, KernelHeap.LargeBlocks, "large block freed");
            Expect.Equal(pagesInUse, KernelHeap.PagesHeld - KernelHeap.CachedPages, "its pages went back (to the cache or the frames)");
            var again = (byte*)KernelHeap.Allocate(64 * 1024);
            Expect.True(again == block, "the freed run is reused while it stays cached");
            Expect.Equal(0L, again[64 * 1024 - 1], "and zeroed again");
            KernelHeap.Free(again);
        }

        private static void ObjectsComeFromTheHeapAndCanBeReleased()
        {
            int sampleClass = HeapSizeClasses.ForSize(40);
            int before = KernelHeap.LiveObjects(sampleClass);
            var sample = new Sample { First = 1, Second = 2 };
            Expect.Equal(before + 1, KernelHeap.LiveObjects(sampleClass), "a class instance is a 48-byte heap object");
            KernelHeap.Release(sample);
            Expect.Equal(before, KernelHeap.LiveObjects(sampleClass), "released");

            int large = KernelHeap.LargeBlocks;
            var numbers = new int[1000];
            Expect.Equal(large + 1, KernelHeap.LargeBlocks, "a 4 KB array is a large block");
            Expect.Equal(0L, numbers[999], "arrays are zeroed");
            KernelHeap.Release(numbers);
            Expect.Equal(large, KernelHeap.LargeBlocks, "array released");

            ulong bytes = KernelHeap.BytesInUse;
            string text = new string('x', 50);
            Expect.True(KernelHeap.BytesInUse > bytes, "a string is a heap object");
            KernelHeap.Release(text);
            Expect.Equal(bytes, KernelHeap.BytesInUse, "string released");
        }

        private static void StatisticsReturnToTheirStart()
        {
            ulong bytes = KernelHeap.BytesInUse;
            int large = KernelHeap.LargeBlocks;
            void** blocks = stackalloc void*[300];
            for (int i = 0; i < 300; i++)
                blocks[i] = KernelHeap.Allocate((nuint)(i % 10 == 0 ? 3000 + i * 10 : 1 + i * 7 % 2000));
            var objects = new Sample[10];
            for (int i = 0; i < objects.Length; i++)
                objects[i] = new Sample();
            Expect.True(KernelHeap.BytesInUse > bytes, "in use while allocated");
            for (int i = 299; i >= 0; i--)
                KernelHeap.Free(blocks[i]);
            for (int i = 0; i < objects.Length; i++)
                KernelHeap.Release(objects[i]);
            KernelHeap.Release(objects);
            Expect.Equal(bytes, KernelHeap.BytesInUse, "bytes in use back to the start");
            Expect.Equal(large, KernelHeap.LargeBlocks, "large blocks back to the start");
            Expect.Equal(0UL, KernelHeap.FaultCount, "no faults");
        }

        private static void DoubleFreeIsReported()
        {
            ulong faults = KernelHeap.FaultCount;
            ProbeOutcome outcome = KernelTestRunner.Probe(&FreeTwice);
            ExpectReported(outcome, faults, "heap: double free");
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void FreeTwice()
        {
            void* block = KernelHeap.Allocate(24);
            KernelHeap.Free(block);
            KernelHeap.Free(block);
        }

        private static void ForeignPointerIsReported()
        {
            ulong faults = KernelHeap.FaultCount;
            ProbeOutcome outcome = KernelTestRunner.Probe(&FreeStackAddress);
            ExpectReported(outcome, faults, "heap: free of a pointer outside the heap");
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void FreeStackAddress()
        {
            long onStack = 0;
            KernelHeap.Free(&onStack);
        }

        private static void WriteAfterFreeIsReported()
        {
            ulong faults = KernelHeap.FaultCount;
            ProbeOutcome outcome = KernelTestRunner.Probe(&WriteAfterFree);
            if (KernelHeap.DebugChecks)
                ExpectReported(outcome, faults, "heap: a freed block was written after its free");
            else
                Expect.True(outcome == ProbeOutcome.Returned, "release builds do not poison");
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void WriteAfterFree()
        {
            var block = (byte*)KernelHeap.Allocate(2000);
            KernelHeap.Free(block);
            block[7] = 1;
            var again = (byte*)KernelHeap.Allocate(2000);
            Expect.True(again == block, "the same block comes back");
            KernelHeap.Free(again);
        }

        private static void ExpectReported(ProbeOutcome outcome, ulong faultsBefore, string message)
        {
            Expect.Equal(faultsBefore + 1, KernelHeap.FaultCount, "the fault is counted");
            if (KernelHeap.DebugChecks)
            {
                Expect.True(outcome == ProbeOutcome.Panicked, "debug builds panic on a heap fault");
                Expect.True(RuntimeTests.Contains(KernelTestRunner.LastFailure, message), "the panic names the fault");
            }
            else
            {
                Expect.True(outcome == ProbeOutcome.Returned, "release builds log the fault and go on");
            }
        }

        private static void BenchmarkMeasuresAndLeavesNothingBehind()
        {
            ulong bytes = KernelHeap.BytesInUse;
            int largeBlocks = KernelHeap.LargeBlocks;
            ulong tiny = KernelHeap.BenchmarkAllocateAndFree(16, 4, &TscClock.Nanoseconds);
            ulong small = KernelHeap.BenchmarkAllocateAndFree(256, 4, &TscClock.Nanoseconds);
            ulong page = KernelHeap.BenchmarkAllocateAndFree(4096, 2, &TscClock.Nanoseconds);
            ulong large = KernelHeap.BenchmarkAllocateAndFree(64 * 1024, 1, &TscClock.Nanoseconds);
            Log.Info("ktest", $"heap allocate+free: 16 B {tiny} ns, 256 B {small} ns, 4 KiB {page} ns, 64 KiB {large} ns");
            Expect.True(tiny > 0 && small > 0 && page > 0 && large > 0, "every size measured");
            Expect.Equal(bytes, KernelHeap.BytesInUse, "benchmark frees what it allocates");
            Expect.Equal(largeBlocks, KernelHeap.LargeBlocks, "no large block left");
        }
    }
}
