// A reusable body for multi-CPU contention tests of the shared kernel subsystems: each round allocates
// raw heap blocks of several size classes (one large), a C# object through the runtime's allocation
// hook, frames from the locked frame allocator and, every few rounds, a kernel stack and a log line; it
// stamps everything it got with a value unique to the caller and round, checks every stamp is still
// intact (two CPUs handed the same block or frame would overwrite each other), and frees it all. Run it
// from every CPU at once (the SMP scheduler tests do); on one CPU it checks the locked paths work and
// balance. Never uses Expect (it may run where the test runner cannot resume): it returns null when all
// went well, else a literal naming the first problem.
using MinimalOS.Kernel.Arch.X86_64;
using MinimalOS.Kernel.Logging;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Paging;
using MinimalOS.Kernel.Runtime;

namespace MinimalOS.Kernel.Tests
{
    internal static unsafe class SharedSubsystemStress
    {
        private const int BlocksPerRound = 6;
        private const int FramesPerRound = 4;
        private const int StackEvery = 8;
        private const int LogEvery = 16;

        private sealed class Stamped
        {
            public ulong Stamp;
        }

        /// <summary>
        /// Runs <paramref name="rounds"/> rounds; <paramref name="worker"/> (e.g. the CPU index) makes the stamps
        /// unique between concurrent callers. Null on success, else what went wrong first.
        /// </summary>
        public static string Run(int worker, int rounds)
        {
            nuint* sizes = stackalloc nuint[BlocksPerRound] { 16, 48, 256, 1000, 4096, 20000 };
            byte** blocks = stackalloc byte*[BlocksPerRound];
            PhysicalAddress* frames = stackalloc PhysicalAddress[FramesPerRound];
            for (int round = 0; round < rounds; round++)
            {
                ulong stamp = ((ulong)(uint)worker << 32) | (uint)round;
                for (int i = 0; i < BlocksPerRound; i++)
                {
                    blocks[i] = (byte*)KernelHeap.Allocate(sizes[i]);
                    if (blocks[i] == null)
                        return "heap allocation failed";
                    if (*(ulong*)blocks[i] != 0 || *(ulong*)(blocks[i] + sizes[i] - 8) != 0)
                        return "heap block was not zeroed (handed out twice?)";
                    *(ulong*)blocks[i] = stamp;
                    *(ulong*)(blocks[i] + sizes[i] - 8) = ~stamp;
                }
                var stamped = new Stamped { Stamp = stamp };
                for (int i = 0; i < FramesPerRound; i++)
                {
                    if (!KernelAddressSpace.Frames.TryAllocateZeroed(out frames[i]))
                        return "frame allocation failed";
                    ulong* words = (ulong*)KernelAddressSpace.DirectMap.ToPointer(frames[i]);
                    if (words[0] != 0 || words[PageSize.Small / 8 - 1] != 0)
                        return "zeroed frame was not zero (handed out twice?)";
                    words[0] = stamp;
                    words[PageSize.Small / 8 - 1] = ~stamp;
                }
                string stackProblem = round % StackEvery == 0 ? StackRound(stamp) : null;
                if (stackProblem is not null)
                    return stackProblem;
                if (round % LogEvery == 0)
                    Log.Debug("stress", $"worker {worker} round {round}");
                for (int i = 0; i < BlocksPerRound; i++)
                {
                    if (*(ulong*)blocks[i] != stamp || *(ulong*)(blocks[i] + sizes[i] - 8) != ~stamp)
                        return "heap block changed under its owner";
                    KernelHeap.Free(blocks[i]);
                }
                if (stamped.Stamp != stamp)
                    return "object changed under its owner";
                KernelHeap.Release(stamped);
                for (int i = 0; i < FramesPerRound; i++)
                {
                    ulong* words = (ulong*)KernelAddressSpace.DirectMap.ToPointer(frames[i]);
                    if (words[0] != stamp || words[PageSize.Small / 8 - 1] != ~stamp)
                        return "frame changed under its owner";
                    KernelAddressSpace.Frames.Free(frames[i]);
                }
            }
            return null;
        }

        private static string StackRound(ulong stamp)
        {
            if (KernelStacks.Allocator.TryAllocate(2, out KernelStack stack) != PagingResult.Success)
                return "kernel stack allocation failed";
            ulong* bottom = (ulong*)stack.Bottom.Value;
            ulong* top = (ulong*)stack.Top.Value - 1;
            if (*bottom != 0 || *top != 0)
                return "kernel stack was not zeroed (handed out twice?)";
            *bottom = stamp;
            *top = ~stamp;
            if (*bottom != stamp || *top != ~stamp)
                return "kernel stack changed under its owner";
            if (!KernelStacks.Allocator.Free(in stack))
                return "kernel stack free refused";
            return null;
        }
    }
}
