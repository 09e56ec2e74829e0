// Host tests of the frame-backed heap page source the kernel switches to at integration: pages are frames
// from the frame allocator mapped into the heap's range, freeing unmaps them and returns every frame,
// virtual space is recycled (merged runs, the cursor shrinking back), failures half-way through undo what
// they did, foreign frees are refused, and the heap runs on it. The "virtual range" is host memory and the
// fakes only record frames and mappings.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Heap;
using Xunit;

namespace MinimalOS.Tests.Host.Memory.Heap
{
    public unsafe class FramePageSourceTests : IDisposable
    {
        private const int RangePages = 256;

        private readonly byte* _range = (byte*)NativeMemory.AlignedAlloc(RangePages * 4096, 4096);
        private readonly CountingFrames _frames = new CountingFrames();
        private readonly RecordingMapper _mapper = new RecordingMapper();

        public void Dispose() => NativeMemory.AlignedFree(_range);

        private sealed class CountingFrames : IFrameAllocator
        {
            private ulong _next = 0x100000;
            public readonly HashSet<ulong> Out = new HashSet<ulong>();
            public int Available = int.MaxValue;
            public int BadFrees;

            public bool TryAllocate(out PhysicalAddress frame)
            {
                frame = default;
                if (Available == 0)
                    return false;
                Available--;
                frame = new PhysicalAddress(_next);
                Out.Add(_next);
                _next += 4096;
                return true;
            }

            public bool TryAllocateZeroed(out PhysicalAddress frame) => TryAllocate(out frame);

            public void Free(PhysicalAddress frame)
            {
                if (!Out.Remove(frame.Value))
                    BadFrees++;
                Available++;
            }
        }

        private sealed class RecordingMapper : IHeapPageMapper
        {
            public readonly Dictionary<ulong, ulong> Mapped = new Dictionary<ulong, ulong>();
            public int MapsBeforeFailure = int.MaxValue;

            /// <summary>Page counts of the runs mapped in one call, in order.</summary>
            public readonly List<int> RunMaps = new List<int>();

            public bool TryMapRun(VirtualAddress start, PhysicalAddress* frames, int count)
            {
                if (MapsBeforeFailure < count)
                    return false;
                for (int i = 0; i < count; i++)
                {
                    if (Mapped.ContainsKey(start.Value + (ulong)i * 4096))
                        return false;
                }
                MapsBeforeFailure -= count;
                for (int i = 0; i < count; i++)
                    Mapped.Add(start.Value + (ulong)i * 4096, frames[i].Value);
                RunMaps.Add(count);
                return true;
            }

            public bool TryUnmap(VirtualAddress page, out PhysicalAddress frame)
            {
                frame = default;
                if (!Mapped.Remove(page.Value, out ulong value))
                    return false;
                frame = new PhysicalAddress(value);
                PageUnmaps++;
                return true;
            }

            public int PageUnmaps;
            /// <summary>Page counts of the runs unmapped in one change, in order.</summary>
            public readonly List<int> RunUnmaps = new List<int>();

            public bool TryUnmapRun(VirtualAddress start, int count, PhysicalAddress* frames)
            {
                for (int i = 0; i < count; i++)
                {
                    if (!Mapped.ContainsKey(start.Value + (ulong)i * 4096))
                        return false;
                }
                for (int i = 0; i < count; i++)
                {
                    Mapped.Remove(start.Value + (ulong)i * 4096, out ulong value);
                    frames[i] = new PhysicalAddress(value);
                }
                RunUnmaps.Add(count);
                return true;
            }
        }

        private FramePageSource NewSource() =>
            new FramePageSource(_frames, _mapper, VirtualAddress.Of(_range), RangePages * 4096);

        private ulong Page(int index) => (ulong)_range + (ulong)index * 4096;

        [Fact]
        public void PagesAreMappedFramesAndFreeingReturnsThem()
        {
            var source = NewSource();
            Assert.True(source.TryAllocatePages(3, out VirtualAddress run));
            Assert.Equal(Page(0), run.Value);
            Assert.Equal(3, _mapper.Mapped.Count);
            Assert.Equal(3, _frames.Out.Count);
            Assert.True(_mapper.Mapped.ContainsKey(Page(2)));
            Assert.Equal(3L, source.PagesMapped);
            source.FreePages(run, 3);
            Assert.Empty(_mapper.Mapped);
            Assert.Empty(_frames.Out);
            Assert.Equal(0, _frames.BadFrees);
            Assert.Equal(0L, source.PagesMapped);
        }

        [Fact]
        public void ARunIsMappedAndUnmappedInChunksOfOneCallEach()
        {
            var source = NewSource();
            int pages = FramePageSource.ChunkPages + 5;
            Assert.True(source.TryAllocatePages(pages, out VirtualAddress run));
            Assert.Equal(new[] { FramePageSource.ChunkPages, 5 }, _mapper.RunMaps);
            source.FreePages(run, pages);
            Assert.Equal(new[] { FramePageSource.ChunkPages, 5 }, _mapper.RunUnmaps);
            Assert.Equal(0, _mapper.PageUnmaps);
            Assert.Empty(_mapper.Mapped);
            Assert.Empty(_frames.Out);
            Assert.Equal(0, _frames.BadFrees);
            Assert.Equal(0, source.InvalidFrees);
        }

        [Fact]
        public void VirtualSpaceIsRecycledAndMerged()
        {
            var source = NewSource();
            Assert.True(source.TryAllocatePages(2, out VirtualAddress a));
            Assert.True(source.TryAllocatePages(2, out VirtualAddress b));
            Assert.True(source.TryAllocatePages(2, out VirtualAddress c));
            Assert.True(source.TryAllocatePages(1, out VirtualAddress d));
            source.FreePages(a, 2);
            source.FreePages(b, 2);
            Assert.True(source.TryAllocatePages(4, out VirtualAddress merged));
            Assert.Equal(a.Value, merged.Value);
            source.FreePages(d, 1);
            source.FreePages(c, 2);
            Assert.False(source.Contains(c), "the top of the range folded back into the cursor");
            Assert.True(source.TryAllocatePages(1, out VirtualAddress next));
            Assert.Equal(c.Value, next.Value);
            Assert.Equal(0L, source.LeakedVirtualPages);
        }

        [Fact]
        public void AFullRunTableDropsVirtualSpaceButReturnsFrames()
        {
            var source = NewSource();
            int pages = 2 * FramePageSource.FreeRunCapacity + 2;
            for (int i = 0; i < pages; i++)
                Assert.True(source.TryAllocatePages(1, out _));
            for (int i = 0; i < pages - 1; i += 2)
                source.FreePages(new VirtualAddress(Page(i)), 1);
            Assert.Equal(1L, source.LeakedVirtualPages);
            Assert.Equal(pages / 2, _frames.Out.Count);
            Assert.Equal(0, source.InvalidFrees);
        }

        [Fact]
        public void OnlyPagesHandedOutSoFarAreInTheHeap()
        {
            var source = NewSource();
            Assert.False(source.Contains(VirtualAddress.Of(_range)));
            Assert.True(source.TryAllocatePages(1, out VirtualAddress run));
            Assert.True(source.Contains(new VirtualAddress(run.Value + 100)));
            Assert.False(source.Contains(new VirtualAddress(run.Value + 4096)));
            Assert.False(source.Contains(new VirtualAddress((ulong)_range - 1)));
        }

        [Fact]
        public void RunningOutOfFramesHalfWayUndoesTheRun()
        {
            var source = NewSource();
            _frames.Available = 3;
            Assert.False(source.TryAllocatePages(5, out _));
            Assert.Empty(_mapper.Mapped);
            Assert.Empty(_frames.Out);
            Assert.True(source.TryAllocatePages(3, out VirtualAddress run));
            Assert.Equal(Page(0), run.Value);
        }

        [Fact]
        public void MapperFailureHalfWayUndoesTheRun()
        {
            var source = NewSource();
            _mapper.MapsBeforeFailure = FramePageSource.ChunkPages + 2;
            Assert.False(source.TryAllocatePages(FramePageSource.ChunkPages + 4, out _));
            Assert.Equal(new[] { FramePageSource.ChunkPages }, _mapper.RunMaps);
            Assert.Empty(_mapper.Mapped);
            Assert.Empty(_frames.Out);
            Assert.Equal(0, _frames.BadFrees);
        }

        [Fact]
        public void RangeExhaustionFails()
        {
            var source = NewSource();
            Assert.True(source.TryAllocatePages(RangePages, out _));
            Assert.False(source.TryAllocatePages(1, out _));
        }

        [Fact]
        public void ForeignFreesAreRefused()
        {
            var source = NewSource();
            Assert.True(source.TryAllocatePages(2, out VirtualAddress run));
            source.FreePages(new VirtualAddress(run.Value + 8), 1);
            source.FreePages(new VirtualAddress(Page(5)), 1);
            source.FreePages(run, 3);
            source.FreePages(new VirtualAddress((ulong)_range - 4096), 1);
            Assert.Equal(4, source.InvalidFrees);
            Assert.Equal(2, _mapper.Mapped.Count);
        }

        [Fact]
        public void HeapRunsOnFramesAndReturnsThemAll()
        {
            var heap = new SlabHeap<FramePageSource>(NewSource(), debugChecks: true);
            var blocks = new List<ulong>();
            for (int i = 0; i < 400; i++)
                blocks.Add((ulong)heap.Allocate((nuint)(i % 9 == 0 ? 10000 : 16 + i * 13 % 1900)));
            Assert.DoesNotContain(0UL, blocks);
            Assert.Equal(heap.PagesHeld, _frames.Out.Count);
            foreach (ulong block in blocks)
                Assert.Equal(HeapFault.None, heap.Free((void*)block));
            heap.Trim();
            Assert.Empty(_frames.Out);
            Assert.Empty(_mapper.Mapped);
            Assert.Equal(0, _frames.BadFrees);
        }
    }
}
