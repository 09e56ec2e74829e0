// Kernel tests of the live frame allocator built at boot: it is published with consistent counts and its
// bitmaps below 4 GiB; frames round-trip; zeroed frames are zero; a large allocate/free cycle gives every
// frame back; contiguous DMA runs are aligned and below 4 GiB; freeing a kernel-image frame or freeing
// twice is refused and changes nothing. Every test returns what it takes.
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Physical;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class PhysicalMemoryTests
    {
        private const ulong Frame = FrameAllocator.FrameSize;
        private const int CycleFrames = 1000;

        public static void Register(KernelTestList tests)
        {
            tests.Add("PhysicalMemory.PublishedWithConsistentCounts", &PublishedWithConsistentCounts);
            tests.Add("PhysicalMemory.AllocateFreeRoundTrip", &AllocateFreeRoundTrip);
            tests.Add("PhysicalMemory.ZeroedFramesAreZero", &ZeroedFramesAreZero);
            tests.Add("PhysicalMemory.LargeCycleRestoresTheFreeCount", &LargeCycleRestoresTheFreeCount);
            tests.Add("PhysicalMemory.ContiguousDmaRunIsAlignedBelow4GiB", &ContiguousDmaRunIsAlignedBelow4GiB);
            tests.Add("PhysicalMemory.BadFreesAreRefusedAndChangeNothing", &BadFreesAreRefusedAndChangeNothing);
            tests.Add("PhysicalMemory.BenchmarkTimesAndGivesEverythingBack", &BenchmarkTimesAndGivesEverythingBack);
        }

        private static void ExpectConsistent(FrameStatistics stats)
        {
            Expect.Equal(stats.TotalFrames, stats.UsedFrames + stats.FreeFrames + stats.ReservedFrames, "used + free + reserved = total");
        }

        private static PhysicalAddress KernelImageStart() =>
            new PhysicalAddress(KernelImageLayout.Current->ImageStart - KernelImageLayout.VirtualBase);

        private static void PublishedWithConsistentCounts()
        {
            FrameAllocator frames = PhysicalMemory.Frames;
            Expect.NotNull(frames, "allocator published at boot");
            FrameStatistics stats = frames.Statistics;
            ExpectConsistent(stats);
            Expect.True(stats.FreeFrames > 1024, "more than 4 MiB free");
            Expect.True(frames.BitmapStart.Value + frames.BitmapBytes <= FrameAllocator.FourGiB, "bitmaps inside the boot identity map");
            ulong highestUsable = HighestUsableEnd();
            Expect.True(frames.AccessibleEnd.Value >= highestUsable, "after the switch to the direct map every usable frame can be handed out");
            Expect.True(KernelAddressSpace.TryGetDirectPointer(new PhysicalAddress(highestUsable - Frame), Frame, out _), "and the direct map reaches the highest one");
            Expect.True(frames.StateOf(KernelImageStart()) == FrameState.Reserved, "kernel image reserved");
            Expect.True(frames.StateOf(new PhysicalAddress(0)) == FrameState.Reserved, "frame 0 reserved");
            Expect.True(frames.StateOf(frames.BitmapStart) == FrameState.Reserved, "bitmaps reserved");
        }

        private static void AllocateFreeRoundTrip()
        {
            FrameAllocator frames = PhysicalMemory.Frames;
            ulong free = frames.Statistics.FreeFrames;
            Expect.True(frames.TryAllocate(out PhysicalAddress frame), "a frame");
            Expect.Equal(0UL, frame.Value & (Frame - 1), "frame aligned");
            Expect.True(frames.StateOf(frame) == FrameState.Used, "marked used");
            Expect.Equal(free - 1, frames.Statistics.FreeFrames, "one fewer free");
            Expect.True(frames.FreeFrame(frame) == FrameFreeResult.Freed, "freed");
            Expect.True(frames.StateOf(frame) == FrameState.Free, "marked free");
            Expect.Equal(free, frames.Statistics.FreeFrames, "free count restored");
        }

        private static void ZeroedFramesAreZero()
        {
            FrameAllocator frames = PhysicalMemory.Frames;
            Expect.True(frames.TryAllocate(out PhysicalAddress dirty), "a frame to dirty");
            ulong* words = (ulong*)frames.DirectMap.ToPointer(dirty);
            for (int i = 0; i < (int)(Frame / 8); i++)
                words[i] = ulong.MaxValue;
            Expect.True(frames.FreeFrame(dirty) == FrameFreeResult.Freed, "dirty frame freed");
            Expect.True(frames.TryAllocateZeroed(out PhysicalAddress zeroed), "a zeroed frame");
            Expect.Equal(dirty.Value, zeroed.Value, "the frame just freed comes back first");
            words = (ulong*)frames.DirectMap.ToPointer(zeroed);
            ulong nonZero = 0;
            for (int i = 0; i < (int)(Frame / 8); i++)
                nonZero |= words[i];
            Expect.Equal(0UL, nonZero, "every byte zero");
            Expect.True(frames.FreeFrame(zeroed) == FrameFreeResult.Freed, "freed");
        }

        private static ulong HighestUsableEnd()
        {
            Boot.MemoryMap map = BootSequence.Information.MemoryMap;
            ulong highest = 0;
            for (int i = 0; i < map.Count; i++)
            {
                if (map[i].Kind == Boot.MemoryKind.Usable && map[i].End > highest)
                    highest = map[i].End;
            }
            return highest;
        }

        private static void LargeCycleRestoresTheFreeCount()
        {
            FrameAllocator frames = PhysicalMemory.Frames;
            // Allocated first: the heap grows from these same frames.
            var singles = new PhysicalAddress[CycleFrames];
            FrameStatistics before = frames.Statistics;
            for (int i = 0; i < CycleFrames; i++)
                Expect.True(frames.TryAllocate(out singles[i]), "single frame");
            Expect.True(frames.TryAllocateContiguous(16, Frame, false, out PhysicalAddress run16), "16-frame run");
            Expect.True(frames.TryAllocateContiguous(512, PageSize.Large, false, out PhysicalAddress run2M), "2 MiB run, 2 MiB aligned");
            Expect.Equal(0UL, run2M.Value & (PageSize.Large - 1), "2 MiB aligned");
            Expect.Equal(before.FreeFrames - CycleFrames - 16 - 512, frames.Statistics.FreeFrames, "free count after allocating");
            ExpectConsistent(frames.Statistics);
            for (int i = 0; i < CycleFrames; i++)
                Expect.True(frames.FreeFrame(singles[i]) == FrameFreeResult.Freed, "single freed");
            Expect.True(frames.FreeContiguous(run16, 16) == FrameFreeResult.Freed, "16-frame run freed");
            Expect.True(frames.FreeContiguous(run2M, 512) == FrameFreeResult.Freed, "2 MiB run freed");
            FrameStatistics after = frames.Statistics;
            Expect.Equal(before.FreeFrames, after.FreeFrames, "free count back to its start");
            Expect.Equal(before.UsedFrames, after.UsedFrames, "used count back to its start");
            ExpectConsistent(after);
        }

        private static void ContiguousDmaRunIsAlignedBelow4GiB()
        {
            FrameAllocator frames = PhysicalMemory.Frames;
            const ulong alignment = 64 * 1024;
            Expect.True(frames.TryAllocateContiguous(8, alignment, true, out PhysicalAddress run), "8 frames, 64 KiB aligned, below 4 GiB");
            Expect.Equal(0UL, run.Value & (alignment - 1), "aligned");
            Expect.True(run.Value + 8 * Frame <= FrameAllocator.FourGiB, "below 4 GiB");
            for (ulong i = 0; i < 8; i++)
                Expect.True(frames.StateOf(new PhysicalAddress(run.Value + i * Frame)) == FrameState.Used, "every frame used");
            Expect.True(frames.FreeContiguous(run, 8) == FrameFreeResult.Freed, "run freed");
        }

        private static void BadFreesAreRefusedAndChangeNothing()
        {
            FrameAllocator frames = PhysicalMemory.Frames;
            FrameStatistics before = frames.Statistics;
            ulong errors = frames.FreeErrors;
            PhysicalAddress kernel = KernelImageStart();
            Expect.True(frames.FreeFrame(kernel) == FrameFreeResult.Reserved, "kernel image frame refused");
            Expect.True(frames.StateOf(kernel) == FrameState.Reserved, "still reserved");
            Expect.True(frames.TryAllocate(out PhysicalAddress frame), "a frame");
            Expect.True(frames.FreeFrame(frame) == FrameFreeResult.Freed, "freed once");
            Expect.True(frames.FreeFrame(frame) == FrameFreeResult.NotAllocated, "second free refused");
            Expect.True(frames.FreeFrame(frames.ManagedEnd) == FrameFreeResult.OutOfRange, "free past the end refused");
            Expect.Equal(errors + 3, frames.FreeErrors, "three refusals counted");
            FrameStatistics after = frames.Statistics;
            Expect.Equal(before.FreeFrames, after.FreeFrames, "free count unchanged");
            Expect.Equal(before.ReservedFrames, after.ReservedFrames, "reserved count unchanged");
        }

        private static void BenchmarkTimesAndGivesEverythingBack()
        {
            FrameAllocator frames = PhysicalMemory.Frames;
            FrameStatistics before = frames.Statistics;
            FrameAllocatorBenchmark.Result result = FrameAllocatorBenchmark.Run(frames, &TscClock.Nanoseconds, rounds: 2);
            Expect.Equal(2UL * FrameAllocatorBenchmark.Batch, result.SingleAllocations, "every single allocation timed");
            Expect.Equal(2UL * FrameAllocatorBenchmark.Batch, result.RunAllocations, "every 16-frame run timed");
            Expect.True(result.NanosecondsPerSingle > 0 && result.NanosecondsPerRun > 0, "non-zero timings");
            Expect.Equal(before.FreeFrames, frames.Statistics.FreeFrames, "free count unchanged");
            Log.Info("pmm", $"benchmark: {result.NanosecondsPerSingle} ns per single-frame allocate+free, {result.NanosecondsPerRun} ns per 16-frame run");
        }
    }
}
