// A small timing of the frame allocator for the benchmark kernel: many single-frame and 16-frame
// allocate/free pairs against the live allocator, timed with the caller's nanosecond clock. It leaves the
// allocator's counts as it found them (everything it takes it gives back), and stops early rather than
// fail when memory runs short (the result says how many operations were timed).
using System;

namespace MinimalOS.Kernel.Memory.Physical
{
    public static unsafe class FrameAllocatorBenchmark
    {
        public const int Batch = 256;
        public const ulong RunFrames = 16;

        public readonly struct Result
        {
            public Result(ulong singleAllocations, ulong singleNanoseconds, ulong runAllocations, ulong runNanoseconds)
            {
                SingleAllocations = singleAllocations;
                SingleNanoseconds = singleNanoseconds;
                RunAllocations = runAllocations;
                RunNanoseconds = runNanoseconds;
            }

            public ulong SingleAllocations { get; }
            public ulong SingleNanoseconds { get; }
            public ulong RunAllocations { get; }
            public ulong RunNanoseconds { get; }

            /// <summary>Mean nanoseconds for one allocate plus its free, single frames.</summary>
            public ulong NanosecondsPerSingle => SingleAllocations == 0 ? 0 : SingleNanoseconds / SingleAllocations;

            /// <summary>Mean nanoseconds for one allocate plus its free, 16-frame runs.</summary>
            public ulong NanosecondsPerRun => RunAllocations == 0 ? 0 : RunNanoseconds / RunAllocations;
        }

        public static Result Run(FrameAllocator frames, delegate*<ulong> clock, int rounds = 16)
        {
            // On the stack: the heap grows from the frames being measured.
            Span<PhysicalAddress> taken = stackalloc PhysicalAddress[Batch];
            ulong singles = 0;
            ulong start = clock();
            for (int round = 0; round < rounds; round++)
            {
                int count = 0;
                while (count < Batch && frames.TryAllocate(out taken[count]))
                    count++;
                for (int i = 0; i < count; i++)
                    frames.FreeFrame(taken[i]);
                singles += (ulong)count;
            }
            ulong singleTime = clock() - start;

            ulong runs = 0;
            start = clock();
            for (int round = 0; round < rounds; round++)
            {
                int count = 0;
                while (count < Batch && frames.TryAllocateContiguous(RunFrames, FrameAllocator.FrameSize, false, out taken[count]))
                    count++;
                for (int i = 0; i < count; i++)
                    frames.FreeContiguous(taken[i], RunFrames);
                runs += (ulong)count;
            }
            ulong runTime = clock() - start;
            return new Result(singles, singleTime, runs, runTime);
        }
    }
}
