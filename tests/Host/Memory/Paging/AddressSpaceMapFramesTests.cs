// Host tests of AddressSpace.MapFrames, the heap's way of mapping a run of pages onto scattered frames in
// one call: every page lands on its own frame with the flags asked for, a run crossing a page-table
// boundary gets both tables, and a refused or failed run (already mapped, misaligned frame, tables out of
// frames half-way) leaves nothing behind.
using System;
using MinimalOS.Kernel.Memory;
using MinimalOS.Kernel.Memory.Paging;
using Xunit;

namespace MinimalOS.Tests.Host.Memory.Paging
{
    public sealed unsafe class AddressSpaceMapFramesTests : IDisposable
    {
        private const ulong Mega = 1024 * 1024;
        private const ulong KernelBase = 0xFFFF_C000_0000_0000;
        private const PageFlags ReadWrite = PageFlags.Writable | PageFlags.NoExecute;

        private readonly HostPhysicalMemory _memory = new HostPhysicalMemory(1024);
        private readonly RecordingTlb _tlb = new RecordingTlb();
        private readonly AddressSpace _space;

        public AddressSpaceMapFramesTests()
        {
            Assert.Equal(PagingResult.Success, AddressSpace.TryCreate(_memory.DirectMap, _memory, _tlb, noExecuteSupported: true, out _space));
        }

        public void Dispose() => _memory.Dispose();

        // Frames in descending order, so a run is never physically contiguous.
        private static PhysicalAddress[] ScatteredFrames(int count)
        {
            var frames = new PhysicalAddress[count];
            for (int i = 0; i < count; i++)
                frames[i] = new PhysicalAddress(0x10_0000_0000UL + (ulong)(count - i) * 2 * PageSize.Small);
            return frames;
        }

        [Fact]
        public void EveryPageGetsItsOwnFrameAcrossATableBoundary()
        {
            var start = new VirtualAddress(KernelBase + 2 * Mega - 3 * PageSize.Small);
            PhysicalAddress[] frames = ScatteredFrames(6);
            fixed (PhysicalAddress* run = frames)
                Assert.Equal(PagingResult.Success, _space.MapFrames(start, run, frames.Length, ReadWrite));
            for (int i = 0; i < frames.Length; i++)
            {
                Assert.Equal(PagingResult.Success, _space.Translate(new VirtualAddress(start.Value + (ulong)i * PageSize.Small + 5), out PageMapping mapping));
                Assert.Equal(frames[i].Value + 5, mapping.Physical.Value);
                Assert.Equal(PageSize.Small, mapping.PageSize);
                Assert.True(mapping.IsWritable);
                Assert.False(mapping.IsExecutable);
            }
            Assert.Empty(_tlb.Invalidated);
        }

        [Fact]
        public void ARunOverAMappedPageOrWithAMisalignedFrameChangesNothing()
        {
            var start = new VirtualAddress(KernelBase);
            PhysicalAddress[] frames = ScatteredFrames(4);
            Assert.Equal(PagingResult.Success, _space.Map(new VirtualAddress(start.Value + 2 * PageSize.Small), frames[0], PageSize.Small, ReadWrite));
            int tables = _memory.AllocatedFrames;
            fixed (PhysicalAddress* run = frames)
            {
                Assert.Equal(PagingResult.AlreadyMapped, _space.MapFrames(start, run, frames.Length, ReadWrite));
                run[1] = new PhysicalAddress(run[1].Value + 8);
                Assert.Equal(PagingResult.Unaligned, _space.MapFrames(new VirtualAddress(start.Value + 8 * PageSize.Small), run, frames.Length, ReadWrite));
                Assert.Equal(PagingResult.Unaligned, _space.MapFrames(start, run, 0, ReadWrite));
            }
            Assert.Equal(PagingResult.NotMapped, _space.Translate(start, out _));
            Assert.Equal(PagingResult.NotMapped, _space.Translate(new VirtualAddress(start.Value + 8 * PageSize.Small), out _));
            Assert.Equal(tables, _memory.AllocatedFrames);
        }

        [Fact]
        public void RunningOutOfTableFramesHalfWayUndoesTheRun()
        {
            // A neighbour makes the upper tables exist; the run crosses from one new page table into the next,
            // and the second cannot be had.
            Assert.Equal(PagingResult.Success, _space.Map(new VirtualAddress(KernelBase), new PhysicalAddress(0x1000), PageSize.Small, ReadWrite));
            var start = new VirtualAddress(KernelBase + 4 * Mega - 2 * PageSize.Small);
            PhysicalAddress[] frames = ScatteredFrames(4);
            int before = _memory.AllocatedFrames;
            _memory.AllocationsLeft = 1;
            fixed (PhysicalAddress* run = frames)
                Assert.Equal(PagingResult.OutOfFrames, _space.MapFrames(start, run, frames.Length, ReadWrite));
            for (int i = 0; i < frames.Length; i++)
                Assert.Equal(PagingResult.NotMapped, _space.Translate(new VirtualAddress(start.Value + (ulong)i * PageSize.Small), out _));
            Assert.Equal(before, _memory.AllocatedFrames);
        }
    }
}
