// Randomised host tests of the kernel heap: thousands of allocations and frees of mixed sizes (several
// seeds) checked against a model of the live blocks - each block filled with its own pattern, no two live
// blocks overlapping, every pattern intact until its block is freed - then everything freed and the pages
// returned to the source but for the one empty slab kept per class.
using System;
using System.Collections.Generic;
using MinimalOS.Kernel.Memory.Heap;
using Xunit;

namespace MinimalOS.Tests.Host.Memory.Heap
{
    public unsafe class SlabHeapRandomTests
    {
        private struct LiveBlock
        {
            public ulong Address;
            public int Size;
            public byte Fill;
        }

        [Theory]
        [InlineData(1, true)]
        [InlineData(2, true)]
        [InlineData(3, false)]
        [InlineData(42, true)]
        [InlineData(1234, false)]
        public void MixedSequencesKeepBlocksDisjointAndIntact(int seed, bool debugChecks)
        {
            using var ledger = new HostPageLedger(8192);
            var heap = new SlabHeap<HostPageSource>(new HostPageSource(ledger), debugChecks);
            var random = new Random(seed);
            var live = new List<LiveBlock>();

            for (int step = 0; step < 6000; step++)
            {
                bool allocate = live.Count == 0 || random.Next(100) < (step < 3000 ? 60 : 40);
                if (allocate)
                {
                    int size = RandomSize(random);
                    var block = (byte*)heap.Allocate((nuint)size);
                    Assert.True(block != null, $"step {step}: allocation of {size} failed");
                    Assert.Equal(0UL, (ulong)block % 16);
                    for (int i = 0; i < size; i++)
                        Assert.True(block[i] == 0, $"step {step}: block of {size} not zeroed at {i}");
                    byte fill = (byte)random.Next(1, 256);
                    new Span<byte>(block, size).Fill(fill);
                    live.Add(new LiveBlock { Address = (ulong)block, Size = size, Fill = fill });
                }
                else
                {
                    int index = random.Next(live.Count);
                    LiveBlock victim = live[index];
                    AssertIntact(victim);
                    Assert.Equal(HeapFault.None, heap.Free((void*)victim.Address));
                    live[index] = live[live.Count - 1];
                    live.RemoveAt(live.Count - 1);
                }
                if (step % 500 == 0)
                    AssertModel(live);
            }
            AssertModel(live);
            Assert.Equal(0UL, heap.FaultCount);
            Assert.Equal(ledger.PagesOut, heap.PagesHeld);

            foreach (LiveBlock block in live)
                Assert.Equal(HeapFault.None, heap.Free((void*)block.Address));
            Assert.Equal(0UL, heap.BytesInUse);
            Assert.Equal(0, heap.LargeBlocks);
            Assert.Equal(ledger.PagesOut, heap.PagesHeld);
            Assert.True(ledger.PagesOut - heap.CachedPages <= HeapSizeClasses.Count * SlabHeap<HostPageSource>.RetainedEmptySlabsPerClass,
                $"{ledger.PagesOut} pages still out after freeing everything, {heap.CachedPages} of them cached");
            Assert.True(heap.CachedPages <= SlabHeap<HostPageSource>.CachedPageLimit);
            heap.Trim();
            Assert.Equal(0, ledger.PagesOut);
            Assert.Empty(ledger.Errors);
        }

        // Mostly small objects, as C# code allocates them, some medium and a few large.
        private static int RandomSize(Random random)
        {
            int kind = random.Next(100);
            if (kind < 70)
                return random.Next(1, 257);
            if (kind < 95)
                return random.Next(257, 2200);
            return random.Next(2200, 40000);
        }

        private static void AssertIntact(LiveBlock block)
        {
            var bytes = (byte*)block.Address;
            for (int i = 0; i < block.Size; i++)
                Assert.True(bytes[i] == block.Fill, $"block at 0x{block.Address:x} ({block.Size} bytes) changed at {i}");
        }

        private static void AssertModel(List<LiveBlock> live)
        {
            var sorted = new List<LiveBlock>(live);
            sorted.Sort((a, b) => a.Address.CompareTo(b.Address));
            for (int i = 0; i < sorted.Count; i++)
            {
                AssertIntact(sorted[i]);
                if (i > 0)
                    Assert.True(sorted[i - 1].Address + (ulong)sorted[i - 1].Size <= sorted[i].Address, "live blocks overlap");
            }
        }
    }
}
