// Randomised allocate/free sequences checked against a simple model (which frames are allocated, as a
// set): nothing handed out twice, never a reserved frame, runs aligned and below their limit, bad frees
// refused without effect, and the counters always agreeing with the model. Seeds are fixed so a failure
// reproduces.
using System;
using System.Collections.Generic;
using MinimalOS.Kernel.Boot;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Physical;
using Xunit;
using static MinimalOS.Tests.Host.Memory.TestMemoryMaps;

namespace MinimalOS.Tests.Host.Memory
{
    [Collection("Log")] // its refused frees log; FrameAllocatorLogTests counts pmm lines
    public class FrameAllocatorModelTests
    {
        private const ulong Frame = FrameAllocator.FrameSize;

        public static IEnumerable<object[]> Cases()
        {
            yield return new object[] { 1, false };
            yield return new object[] { 2, false };
            yield return new object[] { 3, true };
            yield return new object[] { 4, true };
        }

        // A map with holes and a few KiB of usable RAM in odd places, small enough to run out of often.
        private static MemoryMap Fragmented() => Build(
            (0, 0x9F000, MemoryKind.Usable),
            (MiB, 600 * KiB, MemoryKind.Usable),
            (MiB + 600 * KiB, 40 * KiB, MemoryKind.Reserved),
            (MiB + 640 * KiB, 300 * KiB, MemoryKind.Usable),
            (2 * MiB, 100 * KiB, MemoryKind.AcpiReclaimable),
            (4 * GiB - 64 * KiB, 64 * KiB, MemoryKind.Usable),
            (4 * GiB, 256 * KiB, MemoryKind.Usable),
            (5 * GiB, 128 * KiB, MemoryKind.Usable));

        [Theory]
        [MemberData(nameof(Cases))]
        public void RandomSequencesAgreeWithTheModel(int seed, bool raiseAccessibleEnd)
        {
            using var window = new HostPhysicalWindow(MiB, MiB);
            var reserved = new ReservedRanges();
            reserved.Add(new PhysicalAddress(MiB + 100 * KiB), 20 * KiB + 1, "kernel");
            reserved.Add(new PhysicalAddress(MiB + 110 * KiB), 60 * KiB, "overlapping module");
            Assert.True(FrameAllocator.TryCreate(Fragmented(), reserved, window.Map, new PhysicalAddress(4 * GiB), out FrameAllocator frames, out string whyNot), whyNot);
            if (raiseAccessibleEnd)
                Assert.True(frames.RaiseAccessibleEnd(new PhysicalAddress(ulong.MaxValue)));
            ulong accessibleEnd = frames.AccessibleEnd.Value;

            var allocatable = new HashSet<ulong>();
            for (ulong address = 0; address < frames.ManagedEnd.Value; address += Frame)
            {
                if (frames.StateOf(new PhysicalAddress(address)) == FrameState.Free && address < accessibleEnd)
                    allocatable.Add(address);
            }
            ulong initialFree = frames.Statistics.FreeFrames;
            var allocated = new HashSet<ulong>();
            var runs = new List<(ulong Start, ulong Count)>();
            var random = new Random(seed);

            for (int step = 0; step < 4000; step++)
            {
                int choice = random.Next(10);
                if (choice < 4)
                {
                    if (frames.TryAllocate(out PhysicalAddress frame))
                    {
                        Assert.Contains(frame.Value, allocatable);
                        Assert.Equal(LowestFree(allocatable, allocated), frame.Value);
                        Assert.True(allocated.Add(frame.Value), "handed out twice");
                        runs.Add((frame.Value, 1));
                    }
                    else
                    {
                        Assert.Equal(allocatable.Count, allocated.Count);
                    }
                }
                else if (choice < 6)
                {
                    ulong count = (ulong)random.Next(1, 40);
                    ulong alignment = Frame << random.Next(0, 6);
                    bool below4GiB = random.Next(2) == 0;
                    if (frames.TryAllocateContiguous(count, alignment, below4GiB, out PhysicalAddress start))
                    {
                        Assert.Equal(0UL, start.Value % alignment);
                        if (below4GiB)
                            Assert.True(start.Value + count * Frame <= 4 * GiB);
                        for (ulong i = 0; i < count; i++)
                        {
                            ulong address = start.Value + i * Frame;
                            Assert.Contains(address, allocatable);
                            Assert.True(allocated.Add(address), "run overlaps an allocation");
                        }
                        runs.Add((start.Value, count));
                    }
                }
                else if (choice < 9 && runs.Count > 0)
                {
                    int index = random.Next(runs.Count);
                    (ulong start, ulong count) = runs[index];
                    runs[index] = runs[runs.Count - 1];
                    runs.RemoveAt(runs.Count - 1);
                    Assert.Equal(FrameFreeResult.Freed, frames.FreeContiguous(new PhysicalAddress(start), count));
                    for (ulong i = 0; i < count; i++)
                        allocated.Remove(start + i * Frame);
                }
                else
                {
                    ulong errors = frames.FreeErrors;
                    ulong address = (ulong)random.Next(0, 3 * 1024 * 1024) * Frame;
                    FrameFreeResult result = frames.FreeFrame(new PhysicalAddress(address));
                    if (allocated.Contains(address))
                    {
                        Assert.Equal(FrameFreeResult.Freed, result);
                        allocated.Remove(address);
                        SplitRunsAround(runs, address);
                    }
                    else
                    {
                        Assert.NotEqual(FrameFreeResult.Freed, result);
                        Assert.Equal(errors + 1, frames.FreeErrors);
                    }
                }

                FrameStatistics stats = frames.Statistics;
                Assert.Equal(stats.TotalFrames, stats.UsedFrames + stats.FreeFrames + stats.ReservedFrames);
                Assert.Equal((ulong)allocated.Count, stats.UsedFrames);
                Assert.Equal(initialFree - (ulong)allocated.Count, stats.FreeFrames);
            }

            foreach (ulong address in allocatable)
                Assert.Equal(allocated.Contains(address) ? FrameState.Used : FrameState.Free, frames.StateOf(new PhysicalAddress(address)));
            foreach ((ulong start, ulong count) in runs)
                Assert.Equal(FrameFreeResult.Freed, frames.FreeContiguous(new PhysicalAddress(start), count));
            Assert.Equal(0UL, frames.Statistics.UsedFrames);
            Assert.Equal(initialFree, frames.Statistics.FreeFrames);
        }

        // Single frames are first-fit: always the lowest frame the model says is free.
        private static ulong LowestFree(HashSet<ulong> allocatable, HashSet<ulong> allocated)
        {
            ulong lowest = ulong.MaxValue;
            foreach (ulong address in allocatable)
            {
                if (address < lowest && !allocated.Contains(address))
                    lowest = address;
            }
            return lowest;
        }

        // A single frame freed out of a run leaves the run's other frames as their own runs.
        private static void SplitRunsAround(List<(ulong Start, ulong Count)> runs, ulong address)
        {
            for (int i = 0; i < runs.Count; i++)
            {
                (ulong start, ulong count) = runs[i];
                if (address < start || address >= start + count * Frame)
                    continue;
                runs.RemoveAt(i);
                ulong before = (address - start) / Frame;
                if (before > 0)
                    runs.Add((start, before));
                if (count - before - 1 > 0)
                    runs.Add((address + Frame, count - before - 1));
                return;
            }
        }
    }
}
